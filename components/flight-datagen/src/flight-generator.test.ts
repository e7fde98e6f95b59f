import { skyOneAirlinesFlightDataSchema, sunsetAirFlightDataSchema } from '@fp/flights';
import { describe, expect, it } from 'vitest';
import { AIRPORT_CODES } from './airport-codes';
import { createFlightGenerator } from './flight-generator';

const NOW_MS = Date.parse('2023-10-16T22:25:00.123Z');
const DAY_MS = 86_400_000;
const ISO_UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function generate(seed: number, count: number) {
  const generator = createFlightGenerator({ seed, now: () => NOW_MS });
  return {
    emails: generator.emails,
    skyone: Array.from({ length: count }, () => generator.nextSkyOne()),
    sunset: Array.from({ length: count }, () => generator.nextSunset()),
  };
}

describe('createFlightGenerator()', () => {
  it('gives the same emails and records for the same seed and clock, and others for another seed', () => {
    expect(generate(42, 50)).toEqual(generate(42, 50));
    expect(generate(42, 50).skyone).not.toEqual(generate(43, 50).skyone);
  });

  it('draws each airline from its own stream, so interleaving calls does not change the records', () => {
    const interleaved = createFlightGenerator({ seed: 42, now: () => NOW_MS });
    const skyone = Array.from({ length: 20 }, () => {
      interleaved.nextSunset();
      return interleaved.nextSkyOne();
    });
    expect(skyone).toEqual(generate(42, 20).skyone);
  });

  it('has a pool of 100 distinct emails of 5 uppercase letters at email.com, used by both airlines', () => {
    const { emails, skyone, sunset } = generate(7, 500);
    expect(emails).toHaveLength(100);
    expect(new Set(emails).size).toBe(100);
    for (const email of emails) expect(email).toMatch(/^[A-Z]{5}@email\.com$/);
    const used = [
      ...skyone.flatMap(({ value }) => [value.email_address, value.booking_agency_email]),
      ...sunset.map(({ value }) => value.customer_email_address),
    ];
    expect(used.every((email) => emails.includes(email))).toBe(true);
  });

  it('writes SkyOne records in the feed format, keyed by their confirmation', () => {
    for (const { key, value } of generate(1, 500).skyone) {
      expect(skyOneAirlinesFlightDataSchema.parse(value)).toEqual(value);
      expect(key).toEqual({ ref: value.confirmation });
      expect(value.confirmation).toMatch(/^SKY1[A-Z]{6}$/);
      expect(value.flight_number).toMatch(/^SKY1(0|[1-9]\d{0,2})$/);
      expect(value.aircraft).toMatch(/^Aircraft[A-Z]{3}$/);
      expect(value.ticket_price).toBeGreaterThanOrEqual(500);
      expect(value.ticket_price).toBeLessThanOrEqual(1499);
      expect(AIRPORT_CODES).toContain(value.iata_departure_code);
      expect(AIRPORT_CODES).toContain(value.iata_arrival_code);
      expect(value.flight_departure_time).toMatch(ISO_UTC_MILLIS);
      expect(value.flight_arrival_time).toMatch(ISO_UTC_MILLIS);
    }
  });

  it('writes Sunset records in the feed format, with flight_duration from the same times it writes', () => {
    for (const { key, value } of generate(2, 500).sunset) {
      expect(sunsetAirFlightDataSchema.parse(value)).toEqual(value);
      expect(key).toEqual({ ref: value.reference_number });
      expect(value.reference_number).toMatch(/^SUN[A-Z]{6}$/);
      expect(value.flight_id).toMatch(/^SUN(0|[1-9]\d{0,2})$/);
      expect(value.aircraft_details).toMatch(/^Aircraft[A-Z]{4}$/);
      expect(value.total_price).toBeGreaterThanOrEqual(300);
      expect(value.total_price).toBeLessThanOrEqual(1799);
      expect(AIRPORT_CODES).toContain(value.departure_airport);
      expect(AIRPORT_CODES).toContain(value.arrival_airport);
      const durationMs = Date.parse(value.arrival_time) - Date.parse(value.departure_time);
      expect(value.flight_duration).toBe(Math.floor(durationMs / 60_000));
    }
  });

  it('departs between now - 20 days and now + 59 d 23:59:59, and arrives 0 to 14:59:59 later', () => {
    const { skyone, sunset } = generate(3, 2_000);
    const times = [
      ...skyone.map(({ value }) => [value.flight_departure_time, value.flight_arrival_time]),
      ...sunset.map(({ value }) => [value.departure_time, value.arrival_time]),
    ].map(([departure, arrival]) => [Date.parse(departure ?? ''), Date.parse(arrival ?? '')] as const);
    const offsetsMs = times.map(([departureMs]) => departureMs - NOW_MS);
    const durationsMs = times.map(([departureMs, arrivalMs]) => arrivalMs - departureMs);
    const lastDepartureMs = 59 * DAY_MS + 23 * 3_600_000 + 59 * 60_000 + 59_000;
    expect(Math.min(...offsetsMs)).toBeGreaterThanOrEqual(-20 * DAY_MS);
    expect(Math.max(...offsetsMs)).toBeLessThanOrEqual(lastDepartureMs);
    // Both ends of the range are used: some flights departed in the past, some are weeks ahead.
    expect(Math.min(...offsetsMs)).toBeLessThan(-19 * DAY_MS);
    expect(Math.max(...offsetsMs)).toBeGreaterThan(58 * DAY_MS);
    expect(Math.min(...durationsMs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...durationsMs)).toBeLessThanOrEqual(14 * 3_600_000 + 59 * 60_000 + 59_000);
    // Whole seconds are drawn, so the clock's milliseconds (.123) carry through to every time.
    expect(times.every(([departureMs, arrivalMs]) => departureMs % 1_000 === 123 && arrivalMs % 1_000 === 123)).toBe(
      true,
    );
  });

  it('reads the clock for every record', () => {
    let clockMs = NOW_MS;
    const moving = createFlightGenerator({ seed: 5, now: () => clockMs });
    const fixed = createFlightGenerator({ seed: 5, now: () => NOW_MS });
    expect(moving.nextSkyOne()).toEqual(fixed.nextSkyOne());
    clockMs += DAY_MS;
    const [later, same] = [moving.nextSkyOne().value, fixed.nextSkyOne().value];
    // Same draws, read a day later: the times move by exactly a day, the rest is equal.
    expect(Date.parse(later.flight_departure_time) - Date.parse(same.flight_departure_time)).toBe(DAY_MS);
    expect(Date.parse(later.flight_arrival_time) - Date.parse(same.flight_arrival_time)).toBe(DAY_MS);
    expect({ ...later, flight_departure_time: '', flight_arrival_time: '' }).toEqual({
      ...same,
      flight_departure_time: '',
      flight_arrival_time: '',
    });
  });

  it('rejects a non-integer seed or a missing clock with FLIGHT_DATAGEN_INVALID_OPTIONS', () => {
    expect(() => createFlightGenerator({ seed: 0.5, now: () => 0 })).toThrow(
      expect.objectContaining({ code: 'FLIGHT_DATAGEN_INVALID_OPTIONS', message: expect.stringContaining('seed') }),
    );
    expect(() => createFlightGenerator({ seed: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'FLIGHT_DATAGEN_INVALID_OPTIONS', message: expect.stringContaining('now') }),
    );
  });
});
