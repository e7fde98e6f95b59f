import type { BadRecordPolicy } from '@fp/errors';
import { flightDataKeySerde, flightDataSchema } from '@fp/flights';
import { jsonSerde, stringSerde } from '@fp/serdes';
import { createTopology, type Topology } from '@fp/topology';
import { userStatisticsKeySerde, userStatisticsSchema } from '@fp/usage-statistics';
import { enrichFlight } from './enrich-flight';
import { enrichedFlightDataSchema } from './enriched-flight-data';
import { FlightEnrichmentError } from './errors';

export interface FlightEnrichmentTopics {
  readonly flightdata: string;
  readonly userstatistics: string;
  readonly enriched: string;
}

export const DEFAULT_FLIGHT_ENRICHMENT_TOPICS: FlightEnrichmentTopics = Object.freeze({
  flightdata: 'flightdata',
  userstatistics: 'userstatistics',
  enriched: 'flightdata_enriched',
});

const HOUR_MS = 3_600_000;
/**
 * How far behind the watermark statistics versions are kept: a flight up to this much older than
 * the watermark still finds the version valid at its time; an older one is late (counted, not joined).
 */
export const DEFAULT_FLIGHT_ENRICHMENT_RETENTION_MS = 24 * HOUR_MS;

export interface FlightEnrichmentTopologyOptions {
  readonly topics?: Partial<FlightEnrichmentTopics>;
  /** Default `DEFAULT_FLIGHT_ENRICHMENT_RETENTION_MS` (24 h). */
  readonly retentionMs?: number;
  /** Topology name (prefix of its internal topics); default `flight-enrichment`. */
  readonly name?: string;
  /** Default `fail`. Covers bad JSON and missing fields on both inputs. */
  readonly onDeserializationError?: BadRecordPolicy;
  /**
   * Partition count of both repartition topics (`<name>-by-email-repartition` and
   * `<name>-statistics-by-email-repartition`). Default: each takes its input topic's count, so the
   * two inputs must then have the same number of partitions (the runtime checks it at start).
   */
  readonly partitions?: number;
}

/**
 * Flights enriched point in time with their user's statistics: `flightdata` (key `{"confirmation"}`,
 * `FlightData` JSON) joined with the table `userstatistics` (key `{"email_address"}`,
 * `UserStatistics` JSON; its changelog: the latest value per key) into `flightdata_enriched`
 * (key `{"confirmation"}`, `EnrichedFlightData` JSON).
 *
 * Event time on both inputs is the Kafka record timestamp, watermarks are monotonous. Both sides
 * are re-keyed by the email (repartitions `by-email` and `statistics-by-email`) so they are
 * co-partitioned; step `enrich-as-of-flight-time` joins each flight, once the watermark of both
 * inputs passes its time, with the statistics version valid at that time (a left join: no version
 * gives nulls). A statistics update stamped after a flight never changes that flight's result.
 * Each output record carries the flight's event time as its timestamp.
 *
 * @throws FlightEnrichmentError `FLIGHT_ENRICHMENT_INVALID_OPTIONS` for a negative or non-finite
 *   `retentionMs` or a `partitions` that is not a positive integer
 * @example
 * const topology = buildFlightEnrichmentTopology({ retentionMs: 6 * 3_600_000, onDeserializationError: 'dead-letter' });
 */
export function buildFlightEnrichmentTopology(options: FlightEnrichmentTopologyOptions = {}): Topology {
  const retentionMs = options.retentionMs ?? DEFAULT_FLIGHT_ENRICHMENT_RETENTION_MS;
  checkOptions(retentionMs, options.partitions);
  const topics = { ...DEFAULT_FLIGHT_ENRICHMENT_TOPICS, ...options.topics };
  const onError =
    options.onDeserializationError === undefined ? {} : { onDeserializationError: options.onDeserializationError };
  const repartition = options.partitions === undefined ? {} : { partitions: options.partitions };

  const topology = createTopology(options.name ?? 'flight-enrichment');
  const statistics = topology
    .stream('read-userstatistics', {
      topic: topics.userstatistics,
      key: userStatisticsKeySerde,
      value: jsonSerde(userStatisticsSchema),
      ...onError,
    })
    // The table's key is its Kafka key (a tombstone has no value to read it from).
    .groupBy('statistics-by-email', (key) => key.email_address, { key: stringSerde, ...repartition });
  topology
    .stream('read-flightdata', {
      topic: topics.flightdata,
      key: flightDataKeySerde,
      value: jsonSerde(flightDataSchema),
      ...onError,
    })
    .groupBy('by-email', (_key, flight) => flight.email_address, { key: stringSerde, ...repartition })
    .joinTable(
      'enrich-as-of-flight-time',
      statistics,
      { mode: 'point-in-time', retentionMs, type: 'left' },
      enrichFlight,
    )
    .map('key-by-confirmation', (_email, enriched) => ({
      key: { confirmation: enriched.confirmation },
      value: enriched,
    }))
    .to('write-flightdata-enriched', {
      topic: topics.enriched,
      key: flightDataKeySerde,
      value: jsonSerde(enrichedFlightDataSchema),
    });
  return topology;
}

function checkOptions(retentionMs: number, partitions: number | undefined): void {
  const problems: string[] = [];
  if (!Number.isFinite(retentionMs) || retentionMs < 0) {
    problems.push(`retentionMs must be a finite number >= 0, got ${retentionMs}`);
  }
  if (partitions !== undefined && (!Number.isInteger(partitions) || partitions < 1)) {
    problems.push(`partitions must be a positive integer, got ${partitions}`);
  }
  if (problems.length > 0) {
    throw new FlightEnrichmentError(
      'FLIGHT_ENRICHMENT_INVALID_OPTIONS',
      `buildFlightEnrichmentTopology(): ${problems.join('; ')}`,
    );
  }
}
