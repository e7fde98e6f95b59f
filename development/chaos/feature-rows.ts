import { rawAggSerde } from '@fp/card-transactions';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { createBoundedKafkaSource } from '@fp/kafka-source';

/** One feature row as JSON text (card, window and every value). */
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
        rows.push(JSON.stringify({ key: key?.toString() ?? null, ...row }));
      }
    },
  }).run();
  return rows;
}

/**
 * How far apart two fractional values may be, relative to their size, and still be the same
 * feature. Streaming and bounded runs add a window's amounts in different orders (records of several
 * partitions interleave differently), and floating-point sums depend on the order: means and
 * deviations agree to ~15 digits, not bit for bit. Rounding both to a fixed number of digits is not
 * enough: two values a few ulps apart can round to different sides of a digit.
 */
const RELATIVE_TOLERANCE = 1e-9;

/** The card features' fractional fields; every other field (card, window, count) must agree exactly. */
const FRACTIONAL_FIELDS = ['avg_amt_per_10m', 'stdev_amt_per_10m'] as const;

function identityOf(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.entries(row).filter(([name]) => !(FRACTIONAL_FIELDS as readonly string[]).includes(name)),
  );
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return FRACTIONAL_FIELDS.every((name) => {
    const [x, y] = [Number(a[name]), Number(b[name])];
    return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(x));
  });
}

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
  const { expectedByIdentity, seen, duplicated, unexpected } = matchRows(expected, actual);
  return { expected: expectedByIdentity.size, missing: expectedByIdentity.size - seen.size, duplicated, unexpected };
}

/** Pairs each output row with the expected row of the same identity whose values agree. */
function matchRows(expected: readonly FeatureRow[], actual: readonly FeatureRow[]) {
  const expectedByIdentity = new Map<string, Record<string, unknown>>();
  for (const text of expected) {
    const row = JSON.parse(text) as Record<string, unknown>;
    expectedByIdentity.set(identityOf(row), row);
  }
  const seen = new Set<string>();
  let duplicated = 0;
  let unexpected = 0;
  for (const text of actual) {
    const row = JSON.parse(text) as Record<string, unknown>;
    const identity = identityOf(row);
    const twin = expectedByIdentity.get(identity);
    if (twin === undefined || !sameValues(twin, row)) unexpected++;
    else if (seen.has(identity)) duplicated++;
    else seen.add(identity);
  }
  return { expectedByIdentity, seen, duplicated, unexpected };
}

/** A few expected rows the output lacks, each with what the output holds for the same card and window. */
export function sampleDifferences(
  expected: readonly FeatureRow[],
  actual: readonly FeatureRow[],
  count: number,
): string[] {
  const { seen } = matchRows(expected, actual);
  const windowOf = (row: FeatureRow) => {
    const { key, window_start, window_end } = JSON.parse(row) as Record<string, unknown>;
    return JSON.stringify([key, window_start, window_end]);
  };
  const actualByWindow = new Map(actual.map((row) => [windowOf(row), row]));
  return expected
    .filter((row) => !seen.has(identityOf(JSON.parse(row) as Record<string, unknown>)))
    .slice(0, count)
    .map(
      (row) => `expected ${row}\n  got    ${actualByWindow.get(windowOf(row)) ?? '(no row for this card and window)'}`,
    );
}
