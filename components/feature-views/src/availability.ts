import type { FeatureView } from './feature-view';

/** A row's first emission for its entity and window, or an update of it (allowed lateness). */
export type RowEmission = 'first' | 'update';

/**
 * The event time (epoch ms) from which `row` may be used: by a lookup "as of" that time and by a
 * training example labelled at or after it. See `FeatureAvailability` for the rule.
 *
 * @example
 * availableAtMs(cardFeaturesView, row, recordTimestampMs) // row.window_end + 60_000
 */
export function availableAtMs<Row>(
  view: FeatureView<Row>,
  row: Row,
  recordTimestampMs: number,
  emission: RowEmission = 'first',
): number {
  const availability = view.availability;
  if (availability.kind === 'record-timestamp') return recordTimestampMs;
  const known = availability.windowEndMs(row, recordTimestampMs) + availability.outOfOrdernessMs;
  return emission === 'first' ? known : known + availability.allowedLatenessMs;
}

/** The end of the row's window (epoch ms), or `undefined` for a view that is not windowed. */
export function windowEndOf<Row>(view: FeatureView<Row>, row: Row, recordTimestampMs: number): number | undefined {
  const availability = view.availability;
  return availability.kind === 'window' ? availability.windowEndMs(row, recordTimestampMs) : undefined;
}
