import { describe, expect, it } from 'vitest';
import { enrichedFlightDataSchema } from './enriched-flight-data';

const flight = {
  email_address: 'A@email.com',
  departure_time: '2023-10-16T08:00:00Z',
  departure_airport_code: 'ATL',
  arrival_time: '2023-10-16T09:30:00Z',
  arrival_airport_code: 'DFW',
  flight_number: 'SKY17',
  confirmation: 'SKY1ABC',
  source: 'skyone',
} as const;

describe('EnrichedFlightData schemas', () => {
  it('accepts null statistics but not missing ones', () => {
    expect(
      enrichedFlightDataSchema.safeParse({ ...flight, total_flight_duration: null, number_of_flights: null }).success,
    ).toBe(true);
    expect(enrichedFlightDataSchema.safeParse(flight).success).toBe(false);
  });
});
