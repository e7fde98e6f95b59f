import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const flightsErrorCodes = ['FLIGHTS_INVALID_OPTIONS'] as const;
export type FlightsErrorCode = (typeof flightsErrorCodes)[number];

export class FlightsError extends PipelineError<FlightsErrorCode> {
  constructor(code: FlightsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
