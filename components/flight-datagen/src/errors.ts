import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const flightDatagenErrorCodes = ['FLIGHT_DATAGEN_INVALID_OPTIONS'] as const;
export type FlightDatagenErrorCode = (typeof flightDatagenErrorCodes)[number];

export class FlightDatagenError extends PipelineError<FlightDatagenErrorCode> {
  constructor(code: FlightDatagenErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
