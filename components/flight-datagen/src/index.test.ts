import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as flightDatagen from './index';

describe('@fp/flight-datagen interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(flightDatagen).sort()).toEqual([
      'AIRPORT_CODES',
      'EMAIL_POOL_SIZE',
      'FLIGHT_TOPICS',
      'FLIGHT_TOPIC_PARTITIONS',
      'FlightDatagenError',
      'createFlightGenerator',
      'createPrng',
      'deriveSeed',
      'flightDatagenErrorCodes',
    ]);
  });

  it('generates reproducible keyed bookings through the interface', () => {
    const make = () => flightDatagen.createFlightGenerator({ seed: 2023, now: () => 1_697_495_100_123 });
    const [a, b] = [make(), make()];
    expect(a.nextSunset()).toEqual(b.nextSunset());
    const { key, value } = a.nextSkyOne();
    expect(key.ref).toBe(value.confirmation);
    expect(flightDatagen.AIRPORT_CODES).toHaveLength(30);
    expect(flightDatagen.FLIGHT_TOPICS).toEqual(['skyone', 'sunset', 'flightdata', 'userstatistics']);
    expect(flightDatagen.FLIGHT_TOPIC_PARTITIONS).toBe(5);
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
