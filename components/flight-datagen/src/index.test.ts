import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as flightDatagen from './index';

describe('@fp/flight-datagen interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(flightDatagen).sort()).toEqual(['FlightDatagenError', 'flightDatagenErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new flightDatagen.FlightDatagenError('FLIGHT_DATAGEN_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'FlightDatagenError',
      code: 'FLIGHT_DATAGEN_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
