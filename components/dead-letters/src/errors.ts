import { PipelineError, type RecordCoordinates } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const deadLettersErrorCodes = ['DEAD_LETTERS_INVALID_OPTIONS', 'DEAD_LETTERS_RECORD_FAILED'] as const;
export type DeadLettersErrorCode = (typeof deadLettersErrorCodes)[number];

export class DeadLettersError extends PipelineError<DeadLettersErrorCode> {
  constructor(code: DeadLettersErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}

/**
 * A bad record, with where it was read and (when known) which step failed. `domain` is `data`;
 * `cause` is the original error (e.g. a `SerdesError` with `SERDES_JSON_SYNTAX`) and `causeCode` its code.
 */
export class RecordFailedError extends PipelineError<'DEAD_LETTERS_RECORD_FAILED'> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly stepName: string | undefined;
  readonly causeCode: string;

  constructor(coordinates: RecordCoordinates, cause: Error & { code?: unknown }) {
    const causeCode = typeof cause.code === 'string' ? cause.code : cause.name;
    const step = coordinates.stepName === undefined ? '' : ` in step "${coordinates.stepName}"`;
    super(
      'DEAD_LETTERS_RECORD_FAILED',
      `bad record at ${coordinates.topic}[${coordinates.partition}]@${coordinates.offset}${step}: ${causeCode}: ${cause.message}`,
      { domain: 'data', cause },
    );
    this.topic = coordinates.topic;
    this.partition = coordinates.partition;
    this.offset = coordinates.offset;
    this.stepName = coordinates.stepName;
    this.causeCode = causeCode;
  }
}
