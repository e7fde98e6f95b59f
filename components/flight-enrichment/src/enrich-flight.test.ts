import type { FlightData } from '@fp/flights';
import { describe, expect, it } from 'vitest';
import { enrichFlight } from './enrich-flight';

const flight: FlightData = {
  email_address: 'A@email.com',
  departure_time: '2023-10-16T08:00:00Z',
  departure_airport_code: 'ATL',
  arrival_time: '2023-10-16T09:30:00Z',
  arrival_airport_code: 'DFW',
  flight_number: 'SKY17',
  confirmation: 'SKY1ABC',
  source: 'skyone',
};

describe('enrichFlight()', () => {
  it('adds the totals of the statistics to every field of the flight', () => {
    expect(
      enrichFlight(flight, { email_address: 'A@email.com', total_flight_duration: 90, number_of_flights: 1 }),
    ).toEqual({ ...flight, total_flight_duration: 90, number_of_flights: 1 });
  });

  it('gives nulls when the user has no statistics', () => {
    expect(enrichFlight(flight, null)).toEqual({ ...flight, total_flight_duration: null, number_of_flights: null });
  });

  it('keeps zero totals as zeros, not nulls', () => {
    expect(
      enrichFlight(flight, { email_address: 'A@email.com', total_flight_duration: 0, number_of_flights: 0 }),
    ).toMatchObject({ total_flight_duration: 0, number_of_flights: 0 });
  });
});
