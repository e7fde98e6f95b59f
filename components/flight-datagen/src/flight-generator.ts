import type { FlightRefKey, SkyOneAirlinesFlightData, SunsetAirFlightData } from '@fp/flights';
import { AIRPORT_CODES } from './airport-codes';
import { FlightDatagenError } from './errors';
import { createPrng, deriveSeed, type Prng } from './prng';

/** A record ready to produce: its Kafka key and value. */
export interface GeneratedRecord<V> {
  readonly key: FlightRefKey;
  readonly value: V;
}

export interface FlightGeneratorOptions {
  /** Same seed and same clock readings: same records. */
  readonly seed: number;
  /** Epoch ms; read once per record, as the course's producer reads the wall clock. */
  readonly now: () => number;
}

export interface FlightGenerator {
  /** The 100 customer emails both airlines draw from (5 uppercase letters + `@email.com`, distinct). */
  readonly emails: readonly string[];
  nextSkyOne(): GeneratedRecord<SkyOneAirlinesFlightData>;
  nextSunset(): GeneratedRecord<SunsetAirFlightData>;
}

export const EMAIL_POOL_SIZE = 100;
const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;
/** Departures from 20 days ago to 59 days ahead, as the course's producer draws them. */
const DEPARTURE_DAYS = [-20, 59] as const;
/** Flights last up to 14 h 59 min 59 s. */
const MAX_FLIGHT_HOURS = 14;
const SKYONE_PRICE = [500, 1499] as const;
const SUNSET_PRICE = [300, 1799] as const;
const FLIGHT_NUMBER_MAX = 999;
/** Independent draw streams, so SkyOne records do not depend on how many Sunset ones were made. */
const STREAM = { emails: 0, skyone: 1, sunset: 2 } as const;

/**
 * The course's flight producer, seeded: a pool of 100 emails, then SkyOne and Sunset bookings
 * between the 30 `AIRPORT_CODES` (departure and arrival airports may coincide, as in the course).
 * Times are written as UTC ISO-8601 with milliseconds and `Z` (`2023-10-16T22:25:00.123Z`), so they
 * read the same whatever time zone a pipeline is configured with. Sunset's `flight_duration` is
 * the whole minutes between the departure and arrival it writes.
 *
 * @throws FlightDatagenError `FLIGHT_DATAGEN_INVALID_OPTIONS` for a non-integer seed or a missing clock
 * @example
 * const generator = createFlightGenerator({ seed: 42, now: () => Date.now() }); // clock from the base
 * const { key, value } = generator.nextSkyOne(); // key = { ref: value.confirmation }
 */
export function createFlightGenerator(options: FlightGeneratorOptions): FlightGenerator {
  if (typeof options?.now !== 'function') {
    throw new FlightDatagenError(
      'FLIGHT_DATAGEN_INVALID_OPTIONS',
      'createFlightGenerator(): now must be a function returning epoch ms (inject the clock, e.g. () => Date.now())',
    );
  }
  const { seed, now } = options;
  if (!Number.isSafeInteger(seed)) {
    throw new FlightDatagenError(
      'FLIGHT_DATAGEN_INVALID_OPTIONS',
      `createFlightGenerator(): seed must be an integer (e.g. 42) so a run can be reproduced, got ${String(seed)}`,
    );
  }
  const emails = emailPool(createPrng(deriveSeed(seed, STREAM.emails)));
  const skyone = createPrng(deriveSeed(seed, STREAM.skyone));
  const sunset = createPrng(deriveSeed(seed, STREAM.sunset));

  return {
    emails,
    nextSkyOne() {
      const { departureMs, arrivalMs } = drawTimes(skyone, now());
      const confirmation = `SKY1${skyone.letters(6)}`;
      const value: SkyOneAirlinesFlightData = {
        email_address: skyone.pick(emails),
        flight_departure_time: new Date(departureMs).toISOString(),
        iata_departure_code: skyone.pick(AIRPORT_CODES),
        flight_arrival_time: new Date(arrivalMs).toISOString(),
        iata_arrival_code: skyone.pick(AIRPORT_CODES),
        flight_number: `SKY1${skyone.int(0, FLIGHT_NUMBER_MAX)}`,
        confirmation,
        ticket_price: skyone.int(...SKYONE_PRICE),
        aircraft: `Aircraft${skyone.letters(3)}`,
        booking_agency_email: skyone.pick(emails),
      };
      return { key: { ref: confirmation }, value };
    },
    nextSunset() {
      const { departureMs, arrivalMs } = drawTimes(sunset, now());
      const referenceNumber = `SUN${sunset.letters(6)}`;
      const value: SunsetAirFlightData = {
        customer_email_address: sunset.pick(emails),
        departure_time: new Date(departureMs).toISOString(),
        departure_airport: sunset.pick(AIRPORT_CODES),
        arrival_time: new Date(arrivalMs).toISOString(),
        arrival_airport: sunset.pick(AIRPORT_CODES),
        flight_duration: Math.floor((arrivalMs - departureMs) / MS_PER_MINUTE),
        flight_id: `SUN${sunset.int(0, FLIGHT_NUMBER_MAX)}`,
        reference_number: referenceNumber,
        total_price: sunset.int(...SUNSET_PRICE),
        aircraft_details: `Aircraft${sunset.letters(4)}`,
      };
      return { key: { ref: referenceNumber }, value };
    },
  };
}

function emailPool(prng: Prng): readonly string[] {
  const emails = new Set<string>();
  // Redraw the rare duplicate (26^5 names) so the pool always has exactly 100 customers.
  while (emails.size < EMAIL_POOL_SIZE) emails.add(`${prng.letters(5)}@email.com`);
  return Object.freeze([...emails]);
}

function drawTimes(prng: Prng, nowMs: number): { departureMs: number; arrivalMs: number } {
  const departureMs =
    nowMs +
    prng.int(...DEPARTURE_DAYS) * MS_PER_DAY +
    prng.int(0, 23) * MS_PER_HOUR +
    prng.int(0, 59) * MS_PER_MINUTE +
    prng.int(0, 59) * MS_PER_SECOND;
  const arrivalMs =
    departureMs +
    prng.int(0, MAX_FLIGHT_HOURS) * MS_PER_HOUR +
    prng.int(0, 59) * MS_PER_MINUTE +
    prng.int(0, 59) * MS_PER_SECOND;
  return { departureMs, arrivalMs };
}
