import avro from 'avsc';
import { describeValue, formatPath } from './describe-value';
import { SerdesError } from './errors';

/**
 * An Avro schema as JSON (object, union array or type name) or an already parsed avsc `Type`.
 * Looser than avsc's own `Schema` type on purpose: that one rejects `as const` (readonly)
 * schemas, which is how bricks declare theirs; avsc validates the schema at run time anyway.
 */
export type AvroSchema = avro.Type | string | Readonly<Record<string, unknown>> | readonly unknown[];

/** Parses a schema once, at construction; a bad schema is a configuration error. */
export function toAvroType(schema: AvroSchema, optionName: string): avro.Type {
  if (schema instanceof avro.Type) {
    return schema;
  }
  try {
    return avro.Type.forSchema(schema as avro.Schema);
  } catch (error) {
    throw new SerdesError(
      'SERDES_INVALID_OPTIONS',
      `${optionName} is not a valid Avro schema (${(error as Error).message}); pass an Avro schema object such as {"type":"record","name":"...","fields":[...]}`,
      { cause: error },
    );
  }
}

/** avsc's messages are terse; turn them into the brick's codes. */
export function avroDecodeError(error: unknown, what: string): SerdesError {
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'truncated buffer') {
    return new SerdesError('SERDES_AVRO_TRUNCATED', `${what} ends before the record does (truncated Avro payload)`, {
      cause: error,
    });
  }
  return new SerdesError('SERDES_AVRO_CORRUPT', `${what} is not a valid Avro record for its schema: ${message}`, {
    cause: error,
  });
}

/** A value avsc refused to encode, with the path of every bad field. */
export function avroEncodeError(type: avro.Type, value: unknown, error: unknown): SerdesError {
  const problems: string[] = [];
  type.isValid(value, {
    errorHook: (path, bad, badType) => {
      problems.push(`${formatPath(path)}: expected ${describeAvroType(badType)} (got ${describeValue(bad)})`);
    },
  });
  const detail = problems.length > 0 ? problems.join('; ') : (error as Error).message;
  return new SerdesError('SERDES_VALIDATION', `value cannot be encoded with its Avro schema: ${detail}`, {
    cause: error,
  });
}

function describeAvroType(type: avro.Type): string {
  return type.name ?? type.typeName;
}
