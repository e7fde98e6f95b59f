import { PipelineError, type ErrorDomain } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const windowingErrorCodes = [
  'WINDOWING_INVALID_OPTIONS',
  'WINDOWING_INVALID_SPEC',
  'WINDOWING_INVALID_TIMESTAMP',
  'WINDOWING_STATE_CORRUPT',
  'WINDOWING_UNKNOWN_INPUT',
] as const;
export type WindowingErrorCode = (typeof windowingErrorCodes)[number];

// A bad timestamp is a property of one record (dead-letter it); everything else is a bug or bad config.
const DOMAIN_BY_CODE: Readonly<Record<WindowingErrorCode, ErrorDomain>> = {
  WINDOWING_INVALID_OPTIONS: 'internal',
  WINDOWING_INVALID_SPEC: 'internal',
  WINDOWING_INVALID_TIMESTAMP: 'data',
  WINDOWING_STATE_CORRUPT: 'internal',
  WINDOWING_UNKNOWN_INPUT: 'internal',
};

export class WindowingError extends PipelineError<WindowingErrorCode> {
  constructor(code: WindowingErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: DOMAIN_BY_CODE[code], ...options });
  }
}

/** Throws `WINDOWING_INVALID_TIMESTAMP` unless `timestampMs` is a finite number. */
export function requireTimestampMs(what: string, timestampMs: number): void {
  if (typeof timestampMs !== 'number' || !Number.isFinite(timestampMs)) {
    throw new WindowingError(
      'WINDOWING_INVALID_TIMESTAMP',
      `${what} must be a finite number of epoch milliseconds, got ${String(timestampMs)}; check the event-time extractor`,
    );
  }
}
