import { describe, expect, it } from 'vitest';
import { skyOneToFlightData, sunsetToFlightData } from './to-flight-data';

describe('skyOneToFlightData()', () => {
  it('maps every SkyOne field to its FlightData field and tags the source "skyone"', () => {
    const flight = skyOneToFlightData({
      email_address: 'ABCDE@email.com',
      flight_departure_time: '2023-10-16T22:25:00.123',
      iata_departure_code: 'ATL',
      flight_arrival_time: '2023-10-17T03:40:12.123+02:00',
      iata_arrival_code: 'DFW',
      flight_number: 'SKY1123',
      confirmation: 'SKY1QWERTY',
      ticket_price: 999,
      aircraft: 'AircraftXYZ',
      booking_agency_email: 'agency@email.com',
    });
    // Exactly 8 fields, in the FlightData order; price, aircraft and agency are not carried.
    expect(Object.entries(flight)).toEqual([
      ['email_address', 'ABCDE@email.com'],
      ['departure_time', '2023-10-16T22:25:00.123'],
      ['departure_airport_code', 'ATL'],
      ['arrival_time', '2023-10-17T03:40:12.123+02:00'],
      ['arrival_airport_code', 'DFW'],
      ['flight_number', 'SKY1123'],
      ['confirmation', 'SKY1QWERTY'],
      ['source', 'skyone'],
    ]);
  });
});

describe('sunsetToFlightData()', () => {
  it('maps every Sunset field to its FlightData field and tags the source "sunset"', () => {
    const flight = sunsetToFlightData({
      customer_email_address: 'FGHIJ@email.com',
      departure_time: '2023-10-16T22:25:00.123Z',
      departure_airport: 'SEA',
      arrival_time: '2023-10-17T01:00:00.000Z',
      arrival_airport: 'BOS',
      flight_duration: 154,
      flight_id: 'SUN42',
      reference_number: 'SUNASDFGH',
      total_price: 1500,
      aircraft_details: 'AircraftWXYZ',
    });
    // flight_duration, total_price and aircraft_details are not carried.
    expect(Object.entries(flight)).toEqual([
      ['email_address', 'FGHIJ@email.com'],
      ['departure_time', '2023-10-16T22:25:00.123Z'],
      ['departure_airport_code', 'SEA'],
      ['arrival_time', '2023-10-17T01:00:00.000Z'],
      ['arrival_airport_code', 'BOS'],
      ['flight_number', 'SUN42'],
      ['confirmation', 'SUNASDFGH'],
      ['source', 'sunset'],
    ]);
  });
});
