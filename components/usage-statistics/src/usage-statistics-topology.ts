import type { BadRecordPolicy } from '@fp/errors';
import { createTimestampParser, flightDataKeySerde, flightDataSchema } from '@fp/flights';
import { jsonSerde, stringSerde } from '@fp/serdes';
import { createTopology, type Topology } from '@fp/topology';
import { tumbling } from '@fp/windowing';
import { UsageStatisticsError } from './errors';
import { flightDurationMinutes } from './flight-duration-minutes';
import { userStatisticsKeySerde, userStatisticsSchema, type UserStatistics } from './user-statistics';
import { userStatisticsAggregator } from './user-statistics-aggregator';

/** What the pipeline emits: each window's own totals, or each user's running total. */
export const usageStatisticsModes = ['windowed', 'cumulative'] as const;
export type UsageStatisticsMode = (typeof usageStatisticsModes)[number];

export interface UsageStatisticsTopics {
  readonly flightdata: string;
  readonly userstatistics: string;
  /**
   * Where per-flight statistics too late for their window go (key `{"email_address"}`). Unset:
   * they are only counted (the runtime's late-records counter), as the course's job drops them.
   */
  readonly late?: string;
}

export const DEFAULT_USAGE_STATISTICS_TOPICS: UsageStatisticsTopics = Object.freeze({
  flightdata: 'flightdata',
  userstatistics: 'userstatistics',
});

export interface UsageStatisticsTopologyOptions {
  /** Default `cumulative`, the deployed "usage statistics calculator". */
  readonly mode?: UsageStatisticsMode;
  /** IANA zone offset-less flight times are read in; default `UTC`. */
  readonly timeZone?: string;
  readonly topics?: Partial<UsageStatisticsTopics>;
  /** Default `fail`. Covers bad JSON and missing fields (source), unreadable times and negative durations (step `to-user-statistics`). */
  readonly onDeserializationError?: BadRecordPolicy;
  /** Topology name (prefix of its internal topics); default `usage-statistics`. */
  readonly name?: string;
}

/** Tumbling, epoch-aligned, no allowed lateness: as the course's job. */
export const USAGE_STATISTICS_WINDOW_MS = 60_000;

/**
 * Per-user flight statistics from `flightdata` (PIPELINES.md section 2). Event time is the Kafka
 * record timestamp with a monotonous watermark (max seen - 1 ms); each flight becomes
 * `{email_address, total_flight_duration: whole minutes, number_of_flights: 1}`, is re-keyed by
 * `email_address` (repartition `<name>-by-email-repartition`) and summed in tumbling 1-minute
 * windows (step `user-statistics-1m`), each of which fires once when the watermark reaches its
 * `endMs - 1`.
 *
 * - `windowed` writes each (email, window) total.
 * - `cumulative` re-keys the window results by email again (repartition
 *   `<name>-window-to-email-repartition`) and keeps a running total per email that never expires
 *   (step `user-statistics-total`), writing it each time one of that email's windows fires.
 *
 * Output `userstatistics`: key `{"email_address"}`, value `UserStatistics`, both JSON; record
 * timestamp `window.endMs - 1`. A flight with an unreadable time (`FLIGHTS_INVALID_TIMESTAMP`) or
 * that arrives before it departs (`USAGE_STATISTICS_NEGATIVE_DURATION`), both domain `data`, is
 * rejected by step `to-user-statistics` and follows `onDeserializationError`.
 *
 * @throws UsageStatisticsError `USAGE_STATISTICS_INVALID_OPTIONS` for an unknown mode
 * @throws FlightsError `FLIGHTS_INVALID_OPTIONS` for an unknown time zone
 * @example
 * const topology = buildUsageStatisticsTopology({ mode: 'cumulative', onDeserializationError: 'dead-letter' });
 */
export function buildUsageStatisticsTopology(options: UsageStatisticsTopologyOptions = {}): Topology {
  const mode = options.mode ?? 'cumulative';
  if (!usageStatisticsModes.includes(mode)) {
    throw new UsageStatisticsError(
      'USAGE_STATISTICS_INVALID_OPTIONS',
      `buildUsageStatisticsTopology(): mode ${JSON.stringify(mode)} is not one of ${usageStatisticsModes.join(', ')}`,
    );
  }
  const timestamps = createTimestampParser(options.timeZone === undefined ? {} : { timeZone: options.timeZone });
  const topics = { ...DEFAULT_USAGE_STATISTICS_TOPICS, ...options.topics };
  const output = { topic: topics.userstatistics, key: userStatisticsKeySerde, value: jsonSerde(userStatisticsSchema) };

  const topology = createTopology(options.name ?? 'usage-statistics');
  const windows = topology
    .stream('read-flightdata', {
      topic: topics.flightdata,
      key: flightDataKeySerde,
      value: jsonSerde(flightDataSchema),
      watermark: { kind: 'monotonous' },
      ...(options.onDeserializationError === undefined
        ? {}
        : { onDeserializationError: options.onDeserializationError }),
    })
    // `toUserStatistics`; a flight without a readable, non-negative duration is rejected here.
    .mapValues('to-user-statistics', (flight): UserStatistics => ({
      email_address: flight.email_address,
      total_flight_duration: flightDurationMinutes(flight, timestamps),
      number_of_flights: 1,
    }))
    .groupBy('by-email', (_key, statistics) => statistics.email_address, { key: stringSerde })
    .windowedBy(tumbling({ sizeMs: USAGE_STATISTICS_WINDOW_MS, allowedLatenessMs: 0 }))
    .aggregate('user-statistics-1m', userStatisticsAggregator());
  if (topics.late !== undefined) {
    windows
      .late()
      .map('key-late-by-email', (email, statistics) => ({ key: { email_address: email }, value: statistics }))
      .to('write-late', { ...output, topic: topics.late });
  }

  const results =
    mode === 'windowed'
      ? windows
          .toStream()
          .map('windowed-to-email', (windowed, statistics) => ({ key: windowed.key, value: statistics }))
      : windows
          .toStream()
          // The window aggregation's tasks already hold every window of an email: no repartition.
          .groupBy('window-to-email', (windowed) => windowed.key, { key: stringSerde, preservesPartitioning: true })
          .aggregate('user-statistics-total', userStatisticsAggregator())
          .toStream();
  results
    .map('key-by-email', (email, statistics: UserStatistics) => ({ key: { email_address: email }, value: statistics }))
    .to('write-userstatistics', output);
  return topology;
}
