/**
 * End to end through Kafka: pre-loads `--events` registry-framed Avro card transactions into a
 * fresh 6-partition topic, then runs the BUNDLED card-features worker in bounded mode (plain
 * `node`, at-least-once, 5 s checkpoints) and reports events/s and the worker's peak RSS.
 * Needs KAFKA_BROKERS and SCHEMA_REGISTRY_URL (e.g. `eval "$(bash tools/local-services/services.sh env)"`).
 *
 *   npx tsx development/bench/kafka-e2e-bench.ts [--events=2000000] [--partitions=6]
 */
import { sourceTransactionAvroSchema, type SourceTransaction } from '@fp/card-transactions';
import { createKafkaAdmin } from '@fp/kafka-admin';
import { createKafkaSink } from '@fp/kafka-sink';
import { createSchemaRegistry, registryAvroSerde } from '@fp/schema-registry';
import { backfillTransactions } from '@fp/transaction-datagen';
import { execSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectionFromEnv } from '../lib/kafka-env';
import { numberArg, printResult, result, round } from './bench-result';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROJECT = 'card-features-pipeline';
const BUNDLE = join(ROOT, 'dist/projects', PROJECT, 'main.cjs');
/** How often the worker's resident set is sampled (its peak is what the report gives). */
const RSS_SAMPLE_EVERY_MS = 100;
/**
 * Transactions per card and minute, as in the in-process card bench (5M over 24 h, 999 cards): the
 * time range scales with --events so every size has the same window density (and output volume).
 */
const TRANSACTIONS_PER_CARD_MINUTE = 3.5;
const CARDS = 999;
const MINUTE_MS = 60_000;
const KB_PER_MB = 1024;

async function main(): Promise<void> {
  const events = numberArg('events', 2_000_000);
  const partitions = numberArg('partitions', 6);
  const registryUrl = process.env['SCHEMA_REGISTRY_URL'];
  if (!process.env['KAFKA_BROKERS'] || !registryUrl) {
    throw new Error('set KAFKA_BROKERS and SCHEMA_REGISTRY_URL (eval "$(bash tools/local-services/services.sh env)")');
  }
  const connection = connectionFromEnv('kafka-e2e-bench');
  const suffix = Date.now().toString(36);
  const topics = { transactions: `bench-transactions-${suffix}`, features: `bench-features-${suffix}` };
  const admin = createKafkaAdmin({ connection });
  await admin.ensureTopics([
    { topic: topics.transactions, partitions, replicationFactor: 1 },
    { topic: topics.features, partitions, replicationFactor: 1 },
  ]);
  await admin.close();

  const serde = await registryAvroSerde<SourceTransaction>({
    registry: createSchemaRegistry({ url: registryUrl }),
    topic: topics.transactions,
    readerSchema: sourceTransactionAvroSchema,
  });
  const sink = createKafkaSink({ connection });
  const producedAtMs = performance.now();
  const spanMs = Math.ceil(events / (CARDS * TRANSACTIONS_PER_CARD_MINUTE)) * MINUTE_MS;
  const toMs = Date.now();
  for (const transaction of backfillTransactions({ seed: 1, count: events, fromMs: toMs - spanMs, toMs })) {
    sink.send({ topic: topics.transactions, key: null, value: serde.serialize(transaction) });
    if (sink.pendingCount >= 50_000) await sink.flush();
  }
  await sink.close();
  printResult(result('kafka-e2e-preload', events, (performance.now() - producedAtMs) / 1000, { partitions }));

  execSync(`npx nx run ${PROJECT}:bundle --skip-nx-cache`, { cwd: ROOT, stdio: 'ignore' });
  const stateDir = await mkdtemp(join(tmpdir(), 'kafka-e2e-bench-'));
  const startedAtMs = performance.now();
  const child = spawn('node', [BUNDLE], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      MODE: 'bounded',
      LOG_LEVEL: 'warn',
      TRANSACTIONS_TOPIC: topics.transactions,
      FEATURES_TOPIC: topics.features,
      APPLICATION_ID: `bench-${suffix}`,
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
    },
  });
  let peakRssKb = 0;
  const sampler = setInterval(() => {
    readFile(`/proc/${child.pid}/status`, 'utf8')
      .then((status) => {
        const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peakRssKb = Math.max(peakRssKb, rssKb);
      })
      .catch(() => undefined); // the process may just have exited
  }, RSS_SAMPLE_EVERY_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  await rm(stateDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`the bundled worker exited with ${String(code)}`);
  const seconds = (performance.now() - startedAtMs) / 1000;
  const bench = result('kafka-e2e-card-features-bounded', events, seconds, {
    partitions,
    workerPeakRssMb: round(peakRssKb / KB_PER_MB),
    note: 'bundled worker, bounded, at-least-once; includes process start, group join and final flush',
  });
  printResult(bench);
}

main().catch((error: unknown) => {
  console.error('kafka-e2e-bench failed:', error);
  process.exitCode = 1;
});
