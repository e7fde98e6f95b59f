import type { FlightData, TimestampParser } from '@fp/flights';
import { aggregator, type Aggregator } from '@fp/windowing';
import { UsageStatisticsError } from './errors';
import { flightDurationMinutes } from './flight-duration-minutes';
import type { UserStatistics } from './user-statistics';

/**
 * One flight's statistics: its duration in whole minutes and a count of one.
 *
 * @throws UsageStatisticsError `USAGE_STATISTICS_NEGATIVE_DURATION` (see `flightDurationMinutes`)
 */
export function toUserStatistics(flight: FlightData, timestamps?: TimestampParser): UserStatistics {
  return {
    email_address: flight.email_address,
    total_flight_duration: flightDurationMinutes(flight, timestamps),
    number_of_flights: 1,
  };
}

/**
 * The statistics of one user over two spans: durations and counts added.
 *
 * @throws UsageStatisticsError `USAGE_STATISTICS_EMAIL_MISMATCH` if they belong to different users
 */
export function mergeUserStatistics(a: UserStatistics, b: UserStatistics): UserStatistics {
  if (a.email_address !== b.email_address) {
    throw new UsageStatisticsError(
      'USAGE_STATISTICS_EMAIL_MISMATCH',
      `cannot merge statistics of ${a.email_address} and ${b.email_address}: group by email_address first`,
    );
  }
  return {
    email_address: a.email_address,
    total_flight_duration: a.total_flight_duration + b.total_flight_duration,
    number_of_flights: a.number_of_flights + b.number_of_flights,
  };
}

/**
 * `mergeUserStatistics` as an aggregator of one user's statistics. The accumulator starts as no
 * flights of nobody, the identity of the merge.
 */
export function userStatisticsAggregator(): Aggregator<UserStatistics, UserStatistics, UserStatistics> {
  const combine = (a: UserStatistics, b: UserStatistics) =>
    a.number_of_flights === 0 ? b : b.number_of_flights === 0 ? a : mergeUserStatistics(a, b);
  return aggregator({
    init: () => ({ email_address: '', total_flight_duration: 0, number_of_flights: 0 }),
    add: combine,
    merge: combine,
    result: (acc) => acc,
  });
}
