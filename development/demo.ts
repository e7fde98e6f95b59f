/**
 * The embedded demo (`npm run demo`): the card-transaction 10-minute features pipeline, run
 * in-process over a generated backfill with LevelDB state, exactly as it runs on Kafka.
 *
 *   npx tsx development/demo.ts [transactions=100000] [cards=999]
 */
import {
  buildCardFeaturesTopology,
  rawAggSerde,
  rawTransactionSerde,
  type TransactionAgg,
} from '@fp/card-transactions';
import { runLocal } from '@fp/stream-runtime';
import { backfillTransactions } from '@fp/transaction-datagen';

const DEMO_SEED = 42;
const ONE_HOUR_MS = 3_600_000;
/** A fixed past hour, so every run prints the same features. */
const DEMO_START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const topology = buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() });
  console.log(topology.describe());
  console.log(`\nfeaturising ${count.toLocaleString('en')} generated transactions over one hour...`);

  const transactions = backfillTransactions({
    seed: DEMO_SEED,
    count,
    fromMs: DEMO_START_MS,
    toMs: DEMO_START_MS + ONE_HOUR_MS,
  });
  const startedAtMs = performance.now();
  const result = await runLocal(topology, {
    inputs: {
      'read-transactions': {
        records: (function* () {
          for (const value of transactions) yield { value, timestampMs: value.datetime ?? 0 };
        })(),
      },
    },
    partitions: 6,
  });
  const seconds = (performance.now() - startedAtMs) / 1000;

  const features = Object.values(result.outputs)
    .flat()
    .map(({ value }) => value as TransactionAgg);
  const card = features.find((row) => row.cc_num === 42) ? 42 : features[0]?.cc_num;
  console.log(
    `\n${result.recordsRead.toLocaleString('en')} transactions -> ${features.length.toLocaleString('en')} feature rows in ${seconds.toFixed(1)} s (${Math.round(result.recordsRead / seconds).toLocaleString('en')} transactions/s)`,
  );
  console.log(`late: ${result.counters.lateRecords}, dead-lettered: ${result.deadLetters.length}`);
  console.log(`\nthe first windows of card ${String(card)}:`);
  console.table(
    features
      .filter((row) => row.cc_num === card)
      .slice(0, 5)
      .map((row) => ({
        window_start: new Date(row.window_start ?? 0).toISOString(),
        num_trans_per_10m: row.num_trans_per_10m,
        avg_amt_per_10m: Number(row.avg_amt_per_10m.toFixed(4)),
        stdev_amt_per_10m: Number(row.stdev_amt_per_10m.toFixed(4)),
      })),
  );
}

main().catch((error: unknown) => {
  console.error('demo failed:', error);
  process.exitCode = 1;
});
