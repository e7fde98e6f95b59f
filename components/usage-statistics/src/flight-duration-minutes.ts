import { createTimestampParser, type FlightData, type TimestampParser } from '@fp/flights';
import { UsageStatisticsError } from './errors';

const MS_PER_MINUTE = 60_000;
const utcTimestamps = createTimestampParser();

/**
 * Whole minutes, truncated, from departure to arrival, days included (`timestamps` reads
 * offset-less times; default UTC). Zero for a flight arriving within a minute of departing.
 *
 * @throws UsageStatisticsError `USAGE_STATISTICS_NEGATIVE_DURATION` (domain `data`) when the flight
 *         arrives before it departs; the course's job wrapped these to "a day minus something"
 * @throws FlightsError `FLIGHTS_INVALID_TIMESTAMP` (domain `data`) for an unreadable time
 */
export function flightDurationMinutes(
  flight: Pick<FlightData, 'departure_time' | 'arrival_time'>,
  timestamps: TimestampParser = utcTimestamps,
): number {
  const durationMs = timestamps.parseMs(flight.arrival_time) - timestamps.parseMs(flight.departure_time);
  if (durationMs < 0) {
    throw new UsageStatisticsError(
      'USAGE_STATISTICS_NEGATIVE_DURATION',
      `flight arrives (${flight.arrival_time}) before it departs (${flight.departure_time})`,
    );
  }
  return Math.trunc(durationMs / MS_PER_MINUTE);
}
