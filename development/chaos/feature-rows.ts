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
        rows.push(JSON.stringify({ key: key?.toString() ?? null, ...row }));
      }
    },
  }).run();
  return rows;
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
