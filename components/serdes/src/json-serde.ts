import type { z } from 'zod';
import { describeValue, formatPath, valueAt } from './describe-value';
import { SerdesError } from './errors';
import type { Serde } from './types';

/** Most issues listed in one message; the rest are counted, so a huge bad record stays readable. */
const MAX_ISSUES_IN_MESSAGE = 5;

/**
 * UTF-8 JSON validated by a zod schema on decode. Encoding writes `JSON.stringify(value)` without
 * validating: the value is already typed `T` by the code that produced it.
 *
 * @throws SerdesError on decode: `SERDES_JSON_SYNTAX` (not JSON; the message has the parser's
 *         position), `SERDES_VALIDATION` (JSON, but not a `T`; the message names each bad field's
 *         path, what was expected and what was found)
 * @example
 * const serde = jsonSerde(z.object({ tid: z.string(), amount: z.number() }));
 */
export function jsonSerde<T>(schema: z.ZodType<T>): Serde<T> {
  return {
    serialize: (value) => Buffer.from(stringifyJson(value), 'utf8'),
    deserialize: (bytes) => parseWithSchema(schema, parseJson(bytes)),
  };
}

/**
 * Like `jsonSerde`, for record keys: encoding first passes the value through the schema, so the
 * JSON has the schema's field order and the same key always gives the same bytes (and partition),
 * however the caller built the object.
 *
 * @example
 * const keySerde = jsonKeySerde(z.object({ ref: z.string() })); // {"ref":"..."}
 */
export function jsonKeySerde<T>(schema: z.ZodType<T>): Serde<T> {
  return {
    serialize: (value) => Buffer.from(stringifyJson(parseWithSchema(schema, value)), 'utf8'),
    deserialize: (bytes) => parseWithSchema(schema, parseJson(bytes)),
  };
}

function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    // BigInt and circular values: the value is not representable as JSON.
    throw new SerdesError('SERDES_VALIDATION', `value cannot be encoded as JSON: ${String(error)}`, { cause: error });
  }
}

function parseJson(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SerdesError(
      'SERDES_JSON_SYNTAX',
      `payload is not valid JSON (${(error as Error).message}); starts with ${describeValue(text)}`,
      { cause: error },
    );
  }
}

function parseWithSchema<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const { issues } = result.error;
  const described = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => {
    const got = describeValue(valueAt(input, issue.path));
    return `${formatPath(issue.path)}: ${issue.message} (got ${got})`;
  });
  const more = issues.length > MAX_ISSUES_IN_MESSAGE ? `; and ${issues.length - MAX_ISSUES_IN_MESSAGE} more` : '';
  throw new SerdesError('SERDES_VALIDATION', `record does not match its schema: ${described.join('; ')}${more}`, {
    cause: result.error,
  });
}
