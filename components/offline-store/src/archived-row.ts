import { availableAtMs, entityKeyOf, windowEndOf, type FeatureView, type RowEmission } from '@fp/feature-views';
import type { EmissionTracker } from './emission-tracker';

/** Where a row was read: a Kafka record's coordinates (or, for a backfill from files, the ones Kafka would have given it). */
export interface RecordCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  /** The record timestamp, epoch ms. */
  readonly timestampMs: number;
}

/** A feature row as the offline store keeps it: the row, its entity, its coordinates and its times (epoch ms). */
export interface ArchivedRow<Row = Record<string, unknown>> {
  readonly row: Row;
  readonly entityKey: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly recordTimestampMs: number;
  /** The end of the row's window, or the record timestamp for a view that is not windowed. */
  readonly eventTimeMs: number;
  /** From when a lookup or a training example may use the row (see `@fp/feature-views`). */
  readonly availableAtMs: number;
  readonly emission: RowEmission;
}

/**
 * A view's row with what the store keeps beside it. The tracker sees rows in offset order, so a
 * window's first row is its first emission and a later one for the same entity and window an update.
 *
 * @throws FeatureViewsError `FEATURE_VIEWS_BAD_ROW` when the row lacks its entity key
 */
export function toArchivedRow<Row>(
  view: FeatureView<Row>,
  tracker: EmissionTracker,
  coordinates: RecordCoordinates,
  row: Row,
): ArchivedRow<Row> {
  const entityKey = entityKeyOf(view, row);
  const windowEndMs = windowEndOf(view, row, coordinates.timestampMs);
  const emission = windowEndMs === undefined ? 'first' : tracker.emissionOf(entityKey, windowEndMs);
  return {
    row,
    entityKey,
    topic: coordinates.topic,
    partition: coordinates.partition,
    offset: coordinates.offset,
    recordTimestampMs: coordinates.timestampMs,
    eventTimeMs: windowEndMs ?? coordinates.timestampMs,
    availableAtMs: availableAtMs(view, row, coordinates.timestampMs, emission),
    emission,
  };
}
