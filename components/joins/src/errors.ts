import { PipelineError, type ErrorDomain } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const joinsErrorCodes = ['JOINS_INVALID_OPTIONS', 'JOINS_INVALID_TIMESTAMP', 'JOINS_STATE_CORRUPT'] as const;
export type JoinsErrorCode = (typeof joinsErrorCodes)[number];

// A bad timestamp is a property of one record (dead-letter it); everything else is a bug or bad config.
const DOMAIN_BY_CODE: Readonly<Record<JoinsErrorCode, ErrorDomain>> = {
  JOINS_INVALID_OPTIONS: 'internal',
  JOINS_INVALID_TIMESTAMP: 'data',
  JOINS_STATE_CORRUPT: 'internal',
};

export class JoinsError extends PipelineError<JoinsErrorCode> {
  constructor(code: JoinsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: DOMAIN_BY_CODE[code], ...options });
  }
}

/** Throws `JOINS_INVALID_TIMESTAMP` unless `timestampMs` is a finite number. */
export function requireTimestampMs(what: string, timestampMs: number): void {
  if (typeof timestampMs !== 'number' || !Number.isFinite(timestampMs)) {
    throw new JoinsError(
      'JOINS_INVALID_TIMESTAMP',
      `${what} must be a finite number of epoch milliseconds, got ${String(timestampMs)}; check the event-time extractor`,
    );
  }
}

/** Throws `JOINS_INVALID_TIMESTAMP` unless `watermarkMs` is a number (infinities allowed: end of input). */
export function requireWatermarkMs(watermarkMs: number): void {
  if (typeof watermarkMs !== 'number' || Number.isNaN(watermarkMs)) {
    throw new JoinsError('JOINS_INVALID_TIMESTAMP', `watermarkMs must be a number, got ${String(watermarkMs)}`);
  }
}

/** Throws `JOINS_INVALID_OPTIONS` listing every problem at once, prefixed with the factory's name. */
export function throwIfProblems(factory: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new JoinsError('JOINS_INVALID_OPTIONS', `${factory}: ${problems.join('; ')}`);
}
