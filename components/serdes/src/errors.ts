import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const serdesErrorCodes = [
  'SERDES_AVRO_CORRUPT',
  'SERDES_AVRO_TRUNCATED',
  'SERDES_AVRO_WRONG_MAGIC_BYTE',
  'SERDES_INCOMPATIBLE_SCHEMA',
  'SERDES_INVALID_OPTIONS',
  'SERDES_JSON_SYNTAX',
  'SERDES_UNKNOWN_SCHEMA_ID',
  'SERDES_VALIDATION',
] as const;
export type SerdesErrorCode = (typeof serdesErrorCodes)[number];

/**
 * Where a record came from. The serde knows none of it; the runtime (or a source) adds it with
 * `withRecordContext` so a dead-lettered record can be found again.
 */
export interface RecordContext {
  readonly topic?: string;
  readonly partition?: number;
  /** Kafka offsets are int64, kept as the decimal string Kafka clients use. */
  readonly offset?: string;
  readonly stepName?: string;
}

export interface SerdesErrorOptions {
  readonly cause?: unknown;
  readonly context?: RecordContext;
}

/**
 * Every code but `SERDES_INVALID_OPTIONS` is about one record, so it is a `data` failure: the
 * runtime applies its dead-letter policy and carries on. Bad options are a bug: `internal`.
 */
export class SerdesError extends PipelineError<SerdesErrorCode> {
  readonly context: RecordContext;

  constructor(code: SerdesErrorCode, message: string, options: SerdesErrorOptions = {}) {
    super(code, message, { domain: code === 'SERDES_INVALID_OPTIONS' ? 'internal' : 'data', cause: options.cause });
    this.context = Object.freeze({ ...options.context });
  }
}

/**
 * The same failure, with where the record came from added to its `context` (fields already set
 * are overwritten by the new ones). Returns a new error; the original keeps its context.
 *
 * @example
 * try { value = serde.deserialize(message.value) } catch (error) {
 *   throw error instanceof SerdesError ? withRecordContext(error, { topic, partition, offset }) : error;
 * }
 */
export function withRecordContext(error: SerdesError, context: RecordContext): SerdesError {
  const enriched = new SerdesError(error.code, error.message, {
    cause: error.cause,
    context: { ...error.context, ...context },
  });
  if (error.stack !== undefined) {
    enriched.stack = error.stack;
  }
  return enriched;
}
