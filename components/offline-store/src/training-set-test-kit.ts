import type { FeatureView } from '@fp/feature-views';
import { writeFile } from 'node:fs/promises';
import { openDuckDbSession } from './duckdb-session';
import type { OfflineStore } from './offline-store';
import { sqlString } from './sql-text';
import { at } from './test-fixtures';

/** A feature row to archive: the record's partition, offset and timestamp, and its row. */
export interface FeatureRecord<Row> {
  readonly partition?: number;
  readonly offset: number;
  readonly timestampMs: number;
  readonly row: Row;
}

/** Archives records as one append per partition (offset order), through the store's view archive. */
export async function archive<Row>(
  store: OfflineStore,
  view: FeatureView<Row>,
  records: readonly FeatureRecord<Row>[],
) {
  const archive = await store.openView(view);
  const byPartition = new Map<number, FeatureRecord<Row>[]>();
  for (const record of [...records].sort((a, b) => a.offset - b.offset)) {
    const partition = record.partition ?? 0;
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), record]);
  }
  for (const [partition, inPartition] of byPartition) {
    await archive.append({
      topic: view.topic,
      partition,
      firstOffset: BigInt(inPartition[0]!.offset),
      lastOffset: BigInt(inPartition.at(-1)!.offset),
      rows: inPartition.map((record) =>
        archive.toArchivedRow(at(view.topic, partition, record.offset, record.timestampMs), record.row),
      ),
    });
  }
}

/** Writes labels as CSV (`entity,time` in epoch ms, plus a label column). */
export async function writeLabelsCsv(path: string, labels: readonly { id: number; timeMs: number; label: number }[]) {
  await writeFile(
    path,
    ['id,time,label', ...labels.map((label) => `${label.id},${label.timeMs},${label.label}`)].join('\n') + '\n',
  );
}

/** Every row of a Parquet or CSV file, numbers as JS numbers. */
export async function readTable(path: string): Promise<Record<string, unknown>[]> {
  const session = await openDuckDbSession();
  try {
    const reader = await session.connection.runAndReadAll(
      path.endsWith('.csv')
        ? `SELECT * FROM read_csv(${sqlString(path)}, header = true)`
        : `SELECT * FROM read_parquet(${sqlString(path)})`,
    );
    return reader
      .getRowObjects()
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value]),
        ),
      );
  } finally {
    session.close();
  }
}
