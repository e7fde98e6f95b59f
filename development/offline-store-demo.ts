/**
 * From generated transactions to a point-in-time training set, in-process (no Kafka):
 * generate card transactions → write them as historical Parquet → backfill the card features into
 * the offline store (the pipeline's own topology, bounded) → labels → training set.
 *
 *   npx tsx development/offline-store-demo.ts [--out offline-demo] [--count 100000] [--seed 42]
 *
 * It leaves in --out: transactions.parquet, offline-store/ (Hive-partitioned Parquet), labels.csv
 * and training.parquet, and prints the command that rebuilds the training set with other options.
 */
import { buildCardFeaturesTopology, cardFeaturesView, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import { backfillFromFiles } from '@fp/feature-archiving';
import { buildTrainingSet, openOfflineStore, readTableFile, writeTableFile } from '@fp/offline-store';
import { backfillTransactions } from '@fp/transaction-datagen';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);
const SPAN_MS = 6 * 3_600_000;
/** One label per this many transactions: a few thousand labelled transactions for 100,000. */
const LABEL_EVERY = 20;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'offline-demo' },
      count: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '42' },
    },
  });
  const out = values.out;
  const count = Number(values.count);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const transactions = [
    ...backfillTransactions({
      seed: Number(values.seed),
      count,
      fromMs: START_MS,
      toMs: START_MS + SPAN_MS,
      maxJitterMs: 30_000,
    }),
  ];
  await writeTableFile(join(out, 'transactions.parquet'), transactions);
  console.log(`1. ${transactions.length.toLocaleString('en')} transactions → ${join(out, 'transactions.parquet')}`);

  const startedAtMs = performance.now();
  const store = await openOfflineStore({ root: join(out, 'offline-store') });
  const backfill = await backfillFromFiles({
    store,
    topology: buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
    view: cardFeaturesView,
    inputs: { 'read-transactions': { file: join(out, 'transactions.parquet'), timestampColumn: 'datetime' } },
    partitions: 5,
  });
  store.close();
  console.log(
    `2. ${backfill.rowsArchived.toLocaleString('en')} feature rows in ${backfill.files} Parquet files under ${join(out, 'offline-store')} (${((performance.now() - startedAtMs) / 1000).toFixed(1)} s)`,
  );

  // A label per 20th transaction, at the transaction's time: "was this one fraud?" (a made-up rule).
  const labels = transactions
    .filter((_, index) => index % LABEL_EVERY === 0)
    .map((transaction) => ({
      cc_num: transaction.cc_num,
      datetime: transaction.datetime,
      is_fraud: transaction.amount > 900 ? 1 : 0,
    }));
  await writeTableFile(join(out, 'labels.csv'), labels);
  console.log(`3. ${labels.length.toLocaleString('en')} labels → ${join(out, 'labels.csv')}`);

  const summary = await buildTrainingSet({
    storeRoot: join(out, 'offline-store'),
    labelsPath: join(out, 'labels.csv'),
    entityColumn: 'cc_num',
    timeColumn: 'datetime',
    views: [cardFeaturesView],
    outPath: join(out, 'training.parquet'),
    maxAgeMs: 3_600_000,
  });
  console.log(
    `4. training set of ${summary.labels.toLocaleString('en')} labels (${summary.matched[cardFeaturesView.name]?.toLocaleString('en')} with features as of their time) → ${join(out, 'training.parquet')}`,
  );
  // The first hour has few features yet (nothing is available before its window fires): show the middle.
  const rows = await readTableFile(join(out, 'training.parquet'));
  console.table(rows.slice(rows.length / 2, rows.length / 2 + 8));
  console.log(
    `\nAgain, with other options:\n  npm run training-set -- --store ${join(out, 'offline-store')} --labels ${join(out, 'labels.csv')} --entity cc_num --time datetime --views ${cardFeaturesView.name} --out ${join(out, 'training.csv')} --max-age 30m`,
  );
}

main().catch((error: unknown) => {
  console.error('offline-store-demo failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
