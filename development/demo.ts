/**
 * The embedded demo (`npm run demo`): the card-transaction 10-minute features pipeline over a
 * generated backfill, exactly as it runs on Kafka.
 *
 *   npx tsx development/demo.ts [transactions] [cards=999]
 *
 * - Without KAFKA_BROKERS: in-process with LevelDB state (`runLocal`), 100,000 transactions by default.
 * - With KAFKA_BROKERS (e.g. `eval "$(bash tools/local-services/services.sh env)"`): creates
 *   DEMO_TRANSACTIONS_TOPIC and DEMO_FEATURES_TOPIC if missing (6 partitions), produces the backfill
 *   (Confluent-framed Avro through SCHEMA_REGISTRY_URL when set, raw Avro otherwise), runs the
 *   pipeline with `runBounded` over exactly what it produced, and reads the features back from the
 *   output topic. 20,000 transactions by default.
 */
import {
  buildCardFeaturesTopology,
  rawAggSerde,
  rawTransactionSerde,
  sourceTransactionAvroSchema,
  transactionAggAvroSchema,
  type SourceTransaction,
  type TransactionAgg,
} from '@fp/card-transactions';
import { createKafkaAdmin } from '@fp/kafka-admin';
import { runBounded } from '@fp/kafka-runtime';
import { createKafkaSink } from '@fp/kafka-sink';
import { createSchemaRegistry, registryAvroSerde } from '@fp/schema-registry';
import type { Serde } from '@fp/serdes';
import { runLocal } from '@fp/stream-runtime';
import { backfillTransactions } from '@fp/transaction-datagen';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endOffsets } from './lib/end-offsets';
import { connectionFromEnv } from './lib/kafka-env';
import { readNewRecords } from './lib/read-new-records';

const DEMO_SEED = 42;
const ONE_HOUR_MS = 3_600_000;
/** A fixed past hour, so every run prints the same features. */
const DEMO_START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);
const DEFAULT_LOCAL_TRANSACTIONS = 100_000;
/** Smaller on Kafka: every record is produced, then fetched again by the bounded run. */
const DEFAULT_KAFKA_TRANSACTIONS = 20_000;
const DEMO_PARTITIONS = 6;
const DEMO_TOPICS = {
  transactions: process.env['DEMO_TRANSACTIONS_TOPIC'] ?? 'demo-card-transactions',
  features: process.env['DEMO_FEATURES_TOPIC'] ?? 'demo-card-features',
};
/**
 * The demo's records carry timestamps of a fixed past hour, which time-based retention would
 * delete at once; append-time timestamps keep each run's records for the retention period.
 */
const DEMO_TOPIC_CONFIGS = { 'message.timestamp.type': 'LogAppendTime' };

interface DemoRun {
  readonly where: string;
  readonly recordsRead: number;
  readonly features: readonly TransactionAgg[];
  readonly lateRecords: number;
  readonly deadLettered: number;
}

function generate(count: number): Iterable<SourceTransaction> {
  return backfillTransactions({
    seed: DEMO_SEED,
    count,
    fromMs: DEMO_START_MS,
    toMs: DEMO_START_MS + ONE_HOUR_MS,
  });
}

async function runInProcess(count: number): Promise<DemoRun> {
  const topology = buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() });
  console.log(topology.describe());
  console.log(`\nfeaturising ${count.toLocaleString('en')} generated transactions over one hour, in-process...`);
  const result = await runLocal(topology, {
    inputs: {
      'read-transactions': {
        records: (function* () {
          for (const value of generate(count)) yield { value, timestampMs: value.datetime ?? 0 };
        })(),
      },
    },
    partitions: DEMO_PARTITIONS,
  });
  return {
    where: 'in-process',
    recordsRead: result.recordsRead,
    features: Object.values(result.outputs)
      .flat()
      .map(({ value }) => value as TransactionAgg),
    lateRecords: result.counters.lateRecords,
    deadLettered: result.deadLetters.length,
  };
}

async function runOnKafka(count: number): Promise<DemoRun> {
  const connection = connectionFromEnv('fp-demo');
  const registryUrl = process.env['SCHEMA_REGISTRY_URL'];
  const serdes = await demoSerdes(registryUrl);
  const topology = buildCardFeaturesTopology({
    ...serdes,
    topics: DEMO_TOPICS,
    // A fresh application per run: its state and internal names never meet an earlier run's.
    name: `fp-demo-${Date.now()}`,
  });
  console.log(topology.describe());

  const admin = createKafkaAdmin({ connection });
  const stateDir = await mkdtemp(join(tmpdir(), 'fp-demo-'));
  try {
    await admin.ensureTopics(
      Object.values(DEMO_TOPICS).map((topic) => ({
        topic,
        partitions: DEMO_PARTITIONS,
        replicationFactor: 1,
        configs: DEMO_TOPIC_CONFIGS,
      })),
    );
    // The topics may hold earlier runs: this run reads and shows only what comes after these offsets.
    const inputFrom = await endOffsets(admin, DEMO_TOPICS.transactions);
    const outputFrom = await endOffsets(admin, DEMO_TOPICS.features);

    const format = registryUrl === undefined ? 'raw Avro' : `Confluent Avro (registry ${registryUrl})`;
    console.log(
      `\nproducing ${count.toLocaleString('en')} transactions to ${DEMO_TOPICS.transactions} as ${format}...`,
    );
    const sink = createKafkaSink({ connection });
    try {
      for (const transaction of generate(count)) {
        sink.send({
          topic: DEMO_TOPICS.transactions,
          key: null,
          value: serdes.transactionSerde.serialize(transaction),
          timestampMs: transaction.datetime ?? 0,
        });
      }
    } finally {
      await sink.close();
    }

    console.log(`featurising them with runBounded into ${DEMO_TOPICS.features}...`);
    const summary = await runBounded(topology, { connection, stateDir, from: { offsets: inputFrom } });
    const records = await readNewRecords(connection, DEMO_TOPICS.features, outputFrom);
    return {
      where: 'on Kafka',
      // `recordsIn` also counts the in-memory repartition hop; the ranges are the input alone.
      recordsRead: (summary.ranges ?? []).reduce(
        (sum, range) => sum + Number(BigInt(range.endOffset) - BigInt(range.startOffset)),
        0,
      ),
      features: records.map(({ value }) => serdes.aggSerde.deserialize(value ?? Buffer.alloc(0))),
      lateRecords: summary.lateRecords,
      deadLettered: summary.deadLetteredRecords,
    };
  } finally {
    await admin.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

async function demoSerdes(
  registryUrl: string | undefined,
): Promise<{ transactionSerde: Serde<SourceTransaction>; aggSerde: Serde<TransactionAgg> }> {
  if (registryUrl === undefined) return { transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() };
  const registry = createSchemaRegistry({ url: registryUrl });
  const [transactionSerde, aggSerde] = await Promise.all([
    registryAvroSerde<SourceTransaction>({
      registry,
      topic: DEMO_TOPICS.transactions,
      readerSchema: sourceTransactionAvroSchema,
    }),
    registryAvroSerde<TransactionAgg>({
      registry,
      topic: DEMO_TOPICS.features,
      readerSchema: transactionAggAvroSchema,
    }),
  ]);
  return { transactionSerde, aggSerde };
}

async function main(): Promise<void> {
  const onKafka = (process.env['KAFKA_BROKERS'] ?? '') !== '';
  const count = Number(process.argv[2] ?? (onKafka ? DEFAULT_KAFKA_TRANSACTIONS : DEFAULT_LOCAL_TRANSACTIONS));
  const startedAtMs = performance.now();
  const run = onKafka ? await runOnKafka(count) : await runInProcess(count);
  const seconds = (performance.now() - startedAtMs) / 1000;

  const { features } = run;
  const card = features.find((row) => row.cc_num === 42) ? 42 : features[0]?.cc_num;
  console.log(
    `\n${run.recordsRead.toLocaleString('en')} transactions -> ${features.length.toLocaleString('en')} feature rows ${run.where} in ${seconds.toFixed(1)} s (${Math.round(run.recordsRead / seconds).toLocaleString('en')} transactions/s)`,
  );
  console.log(`late: ${run.lateRecords}, dead-lettered: ${run.deadLettered}`);
  console.log(`\nthe first windows of card ${String(card)}:`);
  console.table(
    features
      .filter((row) => row.cc_num === card)
      .sort((a, b) => (a.window_start ?? 0) - (b.window_start ?? 0))
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
