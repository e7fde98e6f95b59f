/**
 * An in-memory stand-in for a Schema Registry, for unit tests of code that uses
 * `registryAvroSerde` or a `SchemaRegistry` (no HTTP, no compatibility rules).
 */
import type { AvroSchema } from '@fp/serdes';
import { SchemaRegistryError } from './errors';
import type { SchemaRegistry } from './schema-registry';

export interface MemorySchemaRegistry extends SchemaRegistry {
  /** How many times each method was called, to assert caching. */
  readonly calls: { register: number; lookup: number; latestSchemaId: number; fetchWriterSchema: number };
}

/** Ids start here so a test that confuses an id with a version or an index fails. */
const FIRST_SCHEMA_ID = 101;

/** A registry in memory: the same schema text gets the same id in every subject, like Confluent's. */
export function createMemorySchemaRegistry(): MemorySchemaRegistry {
  const idsByText = new Map<string, number>();
  const schemasById = new Map<number, AvroSchema>();
  const subjects = new Map<string, number[]>();
  const calls = { register: 0, lookup: 0, latestSchemaId: 0, fetchWriterSchema: 0 };

  const notFound = (what: string): SchemaRegistryError =>
    new SchemaRegistryError('SCHEMA_REGISTRY_NOT_FOUND', `memory schema registry: ${what} not found`);

  function findId(subject: string, schema: AvroSchema): number | undefined {
    const id = idsByText.get(JSON.stringify(schema));
    return id !== undefined && subjects.get(subject)?.includes(id) ? id : undefined;
  }

  return {
    url: 'memory://schema-registry',
    calls,
    async register(subject, schema) {
      calls.register += 1;
      const text = JSON.stringify(schema);
      const id = idsByText.get(text) ?? FIRST_SCHEMA_ID + idsByText.size;
      idsByText.set(text, id);
      schemasById.set(id, JSON.parse(text) as AvroSchema);
      const versions = subjects.get(subject) ?? [];
      if (!versions.includes(id)) versions.push(id);
      subjects.set(subject, versions);
      return id;
    },
    async lookup(subject, schema) {
      calls.lookup += 1;
      const id = findId(subject, schema);
      if (id === undefined) throw notFound(`schema in subject "${subject}"`);
      return id;
    },
    async latestSchemaId(subject) {
      calls.latestSchemaId += 1;
      const id = subjects.get(subject)?.at(-1);
      if (id === undefined) throw notFound(`subject "${subject}"`);
      return id;
    },
    async fetchWriterSchema(id) {
      calls.fetchWriterSchema += 1;
      const schema = schemasById.get(id);
      if (schema === undefined) throw notFound(`schema id ${id}`);
      return schema;
    },
  };
}
