import { jsonSerde } from '@fp/serdes';
import { describe, expect, it } from 'vitest';
import { flightDataKeySerde, flightRefKeySerde } from './flight-keys';
import { skyOneAirlinesFlightDataSchema } from './sky-one-airlines-flight-data';
import { sunsetAirFlightDataSchema } from './sunset-air-flight-data';

describe('flight record schemas', () => {
  it('drops unknown extra fields of an input record on decode', () => {
    const serde = jsonSerde(sunsetAirFlightDataSchema);
    const decoded = serde.deserialize(
      Buffer.from(
        JSON.stringify({
          customer_email_address: 'A@email.com',
          departure_time: '2023-10-16T22:25:00.123',
          departure_airport: 'ATL',
          arrival_time: '2023-10-16T23:25:00.123',
          arrival_airport: 'DFW',
          flight_duration: 60,
          flight_id: 'SUN1',
          reference_number: 'SUNABCDEF',
          total_price: 300,
          aircraft_details: 'AircraftABCD',
          loyalty_tier: 'gold',
        }),
      ),
    );
    expect(decoded).not.toHaveProperty('loyalty_tier');
    expect(Object.keys(decoded)).toHaveLength(10);
  });

  it.each([
    ['a fractional ticket price', { ticket_price: 99.5 }],
    ['a missing confirmation', { confirmation: undefined }],
    ['a numeric flight number', { flight_number: 1 }],
  ])('rejects a SkyOne record with %s', (_what, change) => {
    const valid = {
      email_address: 'A@email.com',
      flight_departure_time: '2023-10-16T22:25:00.123',
      iata_departure_code: 'ATL',
      flight_arrival_time: '2023-10-16T23:25:00.123',
      iata_arrival_code: 'DFW',
      flight_number: 'SKY11',
      confirmation: 'SKY1ABCDEF',
      ticket_price: 500,
      aircraft: 'AircraftABC',
      booking_agency_email: 'B@email.com',
    };
    expect(skyOneAirlinesFlightDataSchema.safeParse(valid).success).toBe(true);
    expect(skyOneAirlinesFlightDataSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('writes the keys as the JSON Kafka expects, whatever the field order given', () => {
    expect(flightRefKeySerde.serialize({ ref: 'SKY1ABCDEF' }).toString()).toBe('{"ref":"SKY1ABCDEF"}');
    expect(flightDataKeySerde.serialize({ confirmation: 'SUNABCDEF' }).toString()).toBe('{"confirmation":"SUNABCDEF"}');
    expect(flightDataKeySerde.deserialize(Buffer.from('{"confirmation":"X"}'))).toEqual({ confirmation: 'X' });
  });
});
