import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as flightEnrichment from './index';

describe('@fp/flight-enrichment interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(flightEnrichment).sort()).toEqual([
      'DEFAULT_FLIGHT_ENRICHMENT_RETENTION_MS',
      'DEFAULT_FLIGHT_ENRICHMENT_TOPICS',
      'FlightEnrichmentError',
      'buildFlightEnrichmentTopology',
      'enrichFlight',
      'enrichedFlightDataAvro',
      'enrichedFlightDataSchema',
      'flightEnrichmentErrorCodes',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new flightEnrichment.FlightEnrichmentError('FLIGHT_ENRICHMENT_INVALID_OPTIONS', 'bad options', {
      cause,
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'FlightEnrichmentError',
      code: 'FLIGHT_ENRICHMENT_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
