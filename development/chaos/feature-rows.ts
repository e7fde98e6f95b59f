import { rawAggSerde } from '@fp/card-transactions';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { createBoundedKafkaSource } from '@fp/kafka-source';

/** One feature row as text (card, window and every value), so equal rows compare equal. */
export type FeatureRow = string;

/**
 * The feature rows of `topic` up to its current end, as a read_committed reader sees them, keeping
 * only windows that end at or before `windowEndLimitMs` (the ones the streaming watermark closed).
 */
export async function readFeatureRows(
  connection: KafkaConnectionOptions,
  topic: string,
  windowEndLimitMs: number,
): Promise<FeatureRow[]> {
  const serde = rawAggSerde();
  const rows: FeatureRow[] = [];
  await createBoundedKafkaSource({
    connection,
    topics: [topic],
    isolationLevel: 'read_committed',
    handler: async (batch) => {
      for (const { key, value } of batch.records) {
        const row = serde.deserialize(value ?? Buffer.alloc(0));
        if ((row.window_end ?? Number.POSITIVE_INFINITY) > windowEndLimitMs) continue;
        rows.push(JSON.stringify({ key: key?.toString() ?? null, ...row }, roundFloats));
      }
    },
  }).run();
  return rows;
}

/**
 * Significant digits kept of a fractional value. Streaming and bounded runs add a window's amounts in
 * different orders (records of several partitions interleave differently), and floating-point sums
 * depend on the order: means and deviations agree to ~15 digits, not bit for bit.
 */
const SIGNIFICANT_DIGITS = 12;
const roundFloats = (_: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(SIGNIFICANT_DIGITS)) : value;

export interface RowComparison {
  readonly expected: number;
  /** Expected rows the output lacks. */
  readonly missing: number;
  /** Output rows beyond the first of each (a row written twice counts once here). */
  readonly duplicated: number;
  /** Output rows the bounded run did not compute. */
  readonly unexpected: number;
}

export function compareRows(expected: readonly FeatureRow[], actual: readonly FeatureRow[]): RowComparison {
  const expectedSet = new Set(expected);
  const seen = new Set<FeatureRow>();
  let duplicated = 0;
  let unexpected = 0;
  for (const row of actual) {
    if (seen.has(row)) duplicated++;
    else if (!expectedSet.has(row)) unexpected++;
    seen.add(row);
  }
  let missing = 0;
  for (const row of expectedSet) if (!seen.has(row)) missing++;
  return { expected: expectedSet.size, missing, duplicated, unexpected };
}

/** A few expected rows the output lacks, each with what the output holds for the same card and window. */
export function sampleDifferences(
  expected: readonly FeatureRow[],
  actual: readonly FeatureRow[],
  count: number,
): string[] {
  const actualSet = new Set(actual);
  const windowOf = (row: FeatureRow) => {
    const { key, window_start, window_end } = JSON.parse(row) as Record<string, unknown>;
    return JSON.stringify([key, window_start, window_end]);
  };
  const actualByWindow = new Map(actual.map((row) => [windowOf(row), row]));
  return expected
    .filter((row) => !actualSet.has(row))
    .slice(0, count)
    .map(
      (row) => `expected ${row}\n  got    ${actualByWindow.get(windowOf(row)) ?? '(no row for this card and window)'}`,
    );
}
