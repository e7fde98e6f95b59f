import { PipelineError } from '@fp/errors';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import * as flights from './index';

describe('@fp/flights interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(flights).sort()).toEqual([
      'DEFAULT_FLIGHT_IMPORTER_TOPICS',
      'DEFAULT_TIME_ZONE',
      'FlightsError',
      'buildFlightImporterTopology',
      'createTimestampParser',
      'flightDataAvro',
      'flightDataKeyAvro',
      'flightDataKeySchema',
      'flightDataKeySerde',
      'flightDataSchema',
      'flightRefKeyAvro',
      'flightRefKeySchema',
      'flightRefKeySerde',
      'flightSources',
      'flightsErrorCodes',
      'isArrivingAfter',
      'skyOneAirlinesFlightDataAvro',
      'skyOneAirlinesFlightDataSchema',
      'skyOneToFlightData',
      'sunsetAirFlightDataAvro',
      'sunsetAirFlightDataSchema',
      'sunsetToFlightData',
    ]);
  });

  it('imports a future Sunset flight into flightdata through the interface', () => {
    const topology = flights.buildFlightImporterTopology({ now: () => Date.parse('2023-10-16T00:00:00Z') });
    const driver = createTestDriver(topology);
    driver.pipe(
      'sunset',
      { ref: 'SUNABCDEF' },
      {
        customer_email_address: 'ABCDE@email.com',
        departure_time: '2023-10-16T22:25:00.123',
        departure_airport: 'ATL',
        arrival_time: '2023-10-17T01:25:00.123',
        arrival_airport: 'LAX',
        flight_duration: 180,
        flight_id: 'SUN7',
        reference_number: 'SUNABCDEF',
        total_price: 700,
        aircraft_details: 'AircraftABCD',
      },
    );
    expect(driver.output('flightdata').map(({ key, value }) => ({ key, value }))).toEqual([
      {
        key: { confirmation: 'SUNABCDEF' },
        value: expect.objectContaining({ confirmation: 'SUNABCDEF', source: 'sunset', flight_number: 'SUN7' }),
      },
    ]);
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
    expect(new flights.FlightsError('FLIGHTS_INVALID_TIMESTAMP', 'bad time')).toMatchObject({ domain: 'data' });
  });
});
