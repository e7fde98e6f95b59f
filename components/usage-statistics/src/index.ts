/**
 * @fp/usage-statistics: per-user flight statistics from `FlightData` (topic `flightdata` ->
 * `userstatistics`): minutes flown and number of flights per email, in tumbling 1-minute event-time
 * windows, emitted per window (`windowed`) or as a running total per user (`cumulative`, default).
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { UsageStatisticsError, usageStatisticsErrorCodes } from './errors';
export { flightDurationMinutes } from './flight-duration-minutes';
export {
  userStatisticsAvro,
  userStatisticsKeyAvro,
  userStatisticsKeySchema,
  userStatisticsKeySerde,
  userStatisticsSchema,
} from './user-statistics';
export { userStatisticsView } from './user-statistics-view';
export { mergeUserStatistics, toUserStatistics, userStatisticsAggregator } from './user-statistics-aggregator';
export {
  buildUsageStatisticsTopology,
  DEFAULT_USAGE_STATISTICS_TOPICS,
  USAGE_STATISTICS_WINDOW_MS,
  usageStatisticsModes,
} from './usage-statistics-topology';

export type { UsageStatisticsErrorCode } from './errors';
export type { UserStatistics, UserStatisticsKey } from './user-statistics';
export type {
  UsageStatisticsMode,
  UsageStatisticsTopics,
  UsageStatisticsTopologyOptions,
} from './usage-statistics-topology';
