import type { FlightData } from './flight-data';
import { createTimestampParser, type TimestampParser } from './timestamp-parser';

const utcTimestamps = createTimestampParser();

/**
 * True when the flight arrives strictly after `nowMs` (an arrival at exactly `nowMs` has
 * happened). `timestamps` reads offset-less times; default UTC.
 *
 * @throws FlightsError `FLIGHTS_INVALID_TIMESTAMP` if `arrival_time` is not an ISO-8601 date-time
 */
export function isArrivingAfter(
  flight: Pick<FlightData, 'arrival_time'>,
  nowMs: number,
  timestamps: TimestampParser = utcTimestamps,
): boolean {
  return timestamps.parseMs(flight.arrival_time) > nowMs;
}
