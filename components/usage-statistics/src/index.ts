/**
 * @fp/usage-statistics: Per-user flight usage statistics from FlightData: 1-minute windowed totals and the cumulative running total.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { UsageStatisticsError, usageStatisticsErrorCodes } from './errors';
export type { UsageStatisticsErrorCode } from './errors';
