import type { BadRecordPolicy } from '@fp/errors';
import { createTimestampParser, flightDataKeySerde, flightDataSchema, type FlightData } from '@fp/flights';
import { jsonSerde, stringSerde, type Serde } from '@fp/serdes';
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
  /** Default `fail`. Covers bad JSON, missing fields, unreadable times and negative durations. */
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
 * timestamp `window.endMs - 1`. A flight that arrives before it departs fails to decode
 * (`USAGE_STATISTICS_NEGATIVE_DURATION`, domain `data`) and follows `onDeserializationError`.
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
  // The source already computed each flight's duration to check it: remember it for the next step
  // rather than parsing both times again (weakly, so a flight's entry goes with the flight).
  const durations = new WeakMap<FlightData, number>();
  const durationOf = (flight: FlightData): number => {
    const known = durations.get(flight);
    if (known !== undefined) return known;
    const minutes = flightDurationMinutes(flight, timestamps);
    durations.set(flight, minutes);
    return minutes;
  };
  const topics = { ...DEFAULT_USAGE_STATISTICS_TOPICS, ...options.topics };
  const output = { topic: topics.userstatistics, key: userStatisticsKeySerde, value: jsonSerde(userStatisticsSchema) };

  const topology = createTopology(options.name ?? 'usage-statistics');
  const windows = topology
    .stream('read-flightdata', {
      topic: topics.flightdata,
      key: flightDataKeySerde,
      value: durationCheckedFlightDataSerde(durationOf),
      watermark: { kind: 'monotonous' },
      ...(options.onDeserializationError === undefined
        ? {}
        : { onDeserializationError: options.onDeserializationError }),
    })
    // `toUserStatistics`, with the duration the source computed.
    .mapValues('to-user-statistics', (flight): UserStatistics => ({
      email_address: flight.email_address,
      total_flight_duration: durationOf(flight),
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
          .groupBy('window-to-email', (windowed) => windowed.key, { key: stringSerde })
          .aggregate('user-statistics-total', userStatisticsAggregator())
          .toStream();
  results
    .map('key-by-email', (email, statistics: UserStatistics) => ({ key: { email_address: email }, value: statistics }))
    .to('write-userstatistics', output);
  return topology;
}

/** `FlightData` JSON that also has a readable, non-negative duration, so bad flights are bad input. */
function durationCheckedFlightDataSerde(check: (flight: FlightData) => number): Serde<FlightData> {
  const json = jsonSerde(flightDataSchema);
  return {
    serialize: (value) => json.serialize(value),
    deserialize(bytes) {
      const flight = json.deserialize(bytes);
      check(flight);
      return flight;
    },
  };
}
