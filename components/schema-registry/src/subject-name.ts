import type { AvroSchema } from '@fp/serdes';
import { SchemaRegistryError } from './errors';

/** Which part of a Kafka record a schema describes. */
export type SubjectRole = 'key' | 'value';

/**
 * Confluent's subject naming strategies: `topic-name` (`<topic>-<role>`, the default: one schema
 * per topic), `record-name` (`<record full name>`: one schema per record type, across topics) and
 * `topic-record-name` (`<topic>-<record full name>`: several record types in one topic).
 */
export type SubjectNameStrategy = 'topic-name' | 'record-name' | 'topic-record-name';

/**
 * The registry subject a topic's key or value schema lives under.
 *
 * @param schema the record schema; required by the two record-name strategies
 * @throws SchemaRegistryError `SCHEMA_REGISTRY_INVALID_OPTIONS` for a record-name strategy without
 *         a named record schema
 * @example
 * subjectName('card-transactions', 'value'); // 'card-transactions-value'
 */
export function subjectName(
  topic: string,
  role: SubjectRole,
  strategy: SubjectNameStrategy = 'topic-name',
  schema?: AvroSchema,
): string {
  switch (strategy) {
    case 'topic-name':
      return `${topic}-${role}`;
    case 'record-name':
      return recordFullName(schema, strategy);
    case 'topic-record-name':
      return `${topic}-${recordFullName(schema, strategy)}`;
  }
}

function recordFullName(schema: AvroSchema | undefined, strategy: SubjectNameStrategy): string {
  const record = schema as { readonly name?: unknown; readonly namespace?: unknown } | undefined;
  const name = typeof record === 'object' && record !== null ? record.name : undefined;
  if (typeof name !== 'string' || name === '') {
    throw new SchemaRegistryError(
      'SCHEMA_REGISTRY_INVALID_OPTIONS',
      `subject name strategy ${strategy} needs a named Avro record schema to take the name from; pass the schema, or use 'topic-name'`,
    );
  }
  const namespace = record?.namespace;
  // A dotted name is already a full name and ignores `namespace` (Avro specification).
  return name.includes('.') || typeof namespace !== 'string' || namespace === '' ? name : `${namespace}.${name}`;
}
