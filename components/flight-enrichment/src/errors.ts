import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const flightEnrichmentErrorCodes = ['FLIGHT_ENRICHMENT_INVALID_OPTIONS'] as const;
export type FlightEnrichmentErrorCode = (typeof flightEnrichmentErrorCodes)[number];

export class FlightEnrichmentError extends PipelineError<FlightEnrichmentErrorCode> {
  constructor(code: FlightEnrichmentErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
