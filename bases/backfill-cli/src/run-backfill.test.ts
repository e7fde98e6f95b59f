import { buildCardFeaturesTopology, cardFeaturesView, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import { backfillFromFiles } from '@fp/feature-archiving';
import type { FeatureView } from '@fp/feature-views';
import { openOfflineStore, writeTableFile, type ArchivedRow } from '@fp/offline-store';
import { backfillTransactions } from '@fp/transaction-datagen';
import { userStatisticsView } from '@fp/usage-statistics';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { runBackfill } from './run-backfill';

const FROM_MS = Date.UTC(2026, 0, 1, 23, 30);
const MINUTE_MS = 60_000;

/** Everything archived about a row, its Kafka coordinates included. */
const archivedForm = (rows: readonly ArchivedRow<unknown>[]) =>
  rows
    .map((row) =>
      JSON.stringify([row.partition, String(row.offset), row.entityKey, row.eventTimeMs, row.availableAtMs, row.row]),
    )
    .sort();

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'backfill-cli-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function rowsIn<Row>(storeRoot: string, view: FeatureView<Row>): Promise<ArchivedRow<Row>[]> {
  const store = await openOfflineStore({ root: storeRoot });
  try {
    return await store.readRows(view);
  } finally {
    store.close();
  }
}

describe('runBackfill', () => {
  it('archives the card features of a Parquet or CSV file as backfillFromFiles does, once', async () => {
    const transactions = [
      ...backfillTransactions({ seed: 5, count: 1_500, fromMs: FROM_MS, toMs: FROM_MS + 3_600_000 }),
    ];
    const parquet = join(root, 'history.parquet');
    await writeTableFile(parquet, transactions);
    const direct = await openOfflineStore({ root: join(root, 'direct') });
    try {
      await backfillFromFiles({
        store: direct,
        topology: buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
        view: cardFeaturesView,
        inputs: { 'read-transactions': { file: parquet, timestampColumn: 'datetime' } },
        partitions: 3,
      });
    } finally {
      direct.close();
    }
    const expected = await rowsIn(join(root, 'direct'), cardFeaturesView);
    expect(expected.length).toBeGreaterThan(transactions.length);

    for (const file of ['history.parquet', 'history.csv']) {
      await writeTableFile(join(root, file), transactions);
      const storeRoot = join(root, `store-${file}`);
      const config = loadConfig({ OFFLINE_STORE_DIR: storeRoot }, [
        '--pipeline',
        'card-features',
        '--input',
        `transactions=${join(root, file)}`,
        '--partitions',
        '3',
      ]);
      expect(await runBackfill(config)).toMatchObject({
        pipeline: 'card-features',
        view: cardFeaturesView.name,
        store: storeRoot,
        recordsRead: transactions.length,
        rowsArchived: expected.length,
      });
      expect(archivedForm(await rowsIn(storeRoot, cardFeaturesView))).toEqual(archivedForm(expected));
      expect(await runBackfill(config)).toMatchObject({ rowsArchived: 0, files: 0 });
    }
  }, 120_000);

  it('archives usage statistics from flights whose record timestamps are a column of the file', async () => {
    // 3 users, a flight each every 20 s for 5 minutes: 15 flights each, in 5 one-minute windows.
    const emails = ['ada@example.com', 'bo@example.com', 'cy@example.com'];
    const flights = Array.from({ length: 45 }, (_, index) => {
      const bookedAt = FROM_MS + Math.floor(index / 3) * 20_000;
      const departure = new Date(bookedAt + 86_400_000);
      return {
        email_address: emails[index % 3]!,
        departure_time: departure.toISOString().slice(0, 19),
        departure_airport_code: 'LHR',
        arrival_time: new Date(departure.getTime() + ((index % 3) + 1) * 30 * MINUTE_MS).toISOString().slice(0, 19),
        arrival_airport_code: 'JFK',
        flight_number: `FP${index}`,
        confirmation: `C${index}`,
        source: 'skyone',
        booked_at: bookedAt,
      };
    });
    const file = join(root, 'flights.csv');
    await writeTableFile(file, flights);
    const storeRoot = join(root, 'store');
    const run = await runBackfill(
      loadConfig({}, [
        '--pipeline',
        'usage-statistics',
        '--input',
        `flightdata=${file}`,
        '--timestamp-column',
        'booked_at',
        '--store',
        storeRoot,
      ]),
    );
    expect(run).toMatchObject({ view: 'userstatistics', recordsRead: 45, rowsArchived: 15 });
    const rows = await rowsIn(storeRoot, userStatisticsView);
    // Cumulative: per user, one row per window, the last with all 15 flights of 30, 60 or 90 minutes.
    const latest = new Map(
      rows.sort((a, b) => a.availableAtMs - b.availableAtMs).map((row) => [row.entityKey, row.row]),
    );
    expect(Object.fromEntries(latest)).toEqual({
      'ada@example.com': { email_address: 'ada@example.com', total_flight_duration: 15 * 30, number_of_flights: 15 },
      'bo@example.com': { email_address: 'bo@example.com', total_flight_duration: 15 * 60, number_of_flights: 15 },
      'cy@example.com': { email_address: 'cy@example.com', total_flight_duration: 15 * 90, number_of_flights: 15 },
    });
    // A window's row is available when the window ends: the minutes of the bookings.
    expect([...new Set(rows.map((row) => row.availableAtMs))].sort()).toEqual(
      Array.from({ length: 5 }, (_, minute) => FROM_MS + (minute + 1) * MINUTE_MS),
    );
  }, 120_000);
});
