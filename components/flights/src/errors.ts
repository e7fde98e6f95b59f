import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const flightsErrorCodes = ['FLIGHTS_INVALID_OPTIONS', 'FLIGHTS_INVALID_TIMESTAMP'] as const;
export type FlightsErrorCode = (typeof flightsErrorCodes)[number];

/**
 * `FLIGHTS_INVALID_TIMESTAMP` is about one record (domain `data`: the runtime applies its
 * dead-letter policy); bad options are a bug or bad configuration (domain `internal`).
 */
export class FlightsError extends PipelineError<FlightsErrorCode> {
  constructor(code: FlightsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: code === 'FLIGHTS_INVALID_TIMESTAMP' ? 'data' : 'internal', ...options });
  }
}
