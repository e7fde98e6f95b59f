import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as flights from './index';

describe('@fp/flights interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(flights).sort()).toEqual(['FlightsError', 'flightsErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new flights.FlightsError('FLIGHTS_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'FlightsError',
      code: 'FLIGHTS_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
