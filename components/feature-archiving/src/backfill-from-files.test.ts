import { buildCardFeaturesTopology, cardFeaturesView, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import { openOfflineStore, writeTableFile } from '@fp/offline-store';
import { runLocal } from '@fp/stream-runtime';
import { backfillTransactions } from '@fp/transaction-datagen';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfillFromFiles } from './backfill-from-files';

const FROM_MS = Date.UTC(2026, 0, 1, 23, 30);
const topology = () => buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() });

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'backfill-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('backfillFromFiles', () => {
  it('archives what the pipeline computes over the same records, once, from Parquet or CSV', async () => {
    const transactions = [
      ...backfillTransactions({ seed: 7, count: 2_000, fromMs: FROM_MS, toMs: FROM_MS + 3_600_000 }),
    ];
    const expected = await runLocal(topology(), {
      inputs: {
        'read-transactions': { records: transactions.map((value) => ({ value, timestampMs: value.datetime ?? 0 })) },
      },
      partitions: 3,
    });
    const expectedRows = expected.outputs[cardFeaturesView.topic]!.map((record) => record.value);
    const byWindow = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      Number(a['cc_num']) - Number(b['cc_num']) || Number(a['window_end']) - Number(b['window_end']);

    for (const file of ['history.parquet', 'history.csv']) {
      await writeTableFile(join(root, file), transactions);
      const store = await openOfflineStore({ root: join(root, `store-${file}`) });
      try {
        const options = {
          store,
          topology: topology(),
          view: cardFeaturesView,
          inputs: { 'read-transactions': { file: join(root, file), timestampColumn: 'datetime' } },
          partitions: 3,
          appendRows: 500,
        };
        const summary = await backfillFromFiles(options);
        expect(summary).toMatchObject({ recordsRead: transactions.length, rowsArchived: expectedRows.length });
        const archived = await store.readRows(cardFeaturesView);
        expect(archived.map((row) => row.row as Record<string, unknown>).sort(byWindow)).toEqual(
          (expectedRows as Record<string, unknown>[]).sort(byWindow),
        );
        for (const row of archived) expect(row.availableAtMs).toBe(row.row.window_end! + 60_000);
        // A second run over the same files finds every row archived.
        expect(await backfillFromFiles(options)).toMatchObject({ rowsArchived: 0, files: 0 });
        expect(await store.readRows(cardFeaturesView)).toHaveLength(expectedRows.length);
      } finally {
        store.close();
      }
    }
  }, 60_000);

  it('refuses a row whose timestamp column is missing or not epoch milliseconds, naming the file and row', async () => {
    const [first, second] = [...backfillTransactions({ seed: 3, count: 2, fromMs: FROM_MS, toMs: FROM_MS + 60_000 })];
    const file = join(root, 'dated.csv');
    await writeTableFile(file, [
      { ...first, booked: String(first!.datetime) },
      { ...second, booked: 'yesterday' },
    ]);
    const store = await openOfflineStore({ root: join(root, 'store') });
    try {
      const backfill = (timestampColumn: string) =>
        backfillFromFiles({
          store,
          topology: topology(),
          view: cardFeaturesView,
          inputs: { 'read-transactions': { file, timestampColumn } },
        });
      await expect(backfill('booked')).rejects.toThrow(
        `${file}: row 2 has "yesterday" in timestamp column "booked" (epoch milliseconds expected)`,
      );
      await expect(backfill('booked_at')).rejects.toThrow(`${file}: row 1 has no timestamp column "booked_at"`);
      expect(await store.readRows(cardFeaturesView)).toEqual([]);
    } finally {
      store.close();
    }
  });
});
