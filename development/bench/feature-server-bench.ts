/**
 * The online feature store at scale, through Kafka: `--entities` card feature rows (one per card,
 * raw Avro, default 1,000,000) on a fresh topic, materialised by the bundled feature server
 * (feature-server-pipeline, run as its image runs it), then looked up over HTTP by a load
 * generator in a process of its own (lookup-load.ts, open loop on undici):
 *
 * - `feature-server-materialise`: rows/s from the server's start to `/readyz` 200 (caught up), and
 *   from its first fetch to caught up (its log lines), with its CPU time and peak RSS;
 * - `feature-server-single-lookups`: `GET /views/.../entities/<random card>` at `--rate` (5,000/s);
 * - `feature-server-batch-lookups`: `POST /views/.../lookup` of `--batch-size` (1,000) random cards at
 *   `--batch-rate` (20/s).
 *
 * Latencies are the load generator's (from each request's hand-off to its answer; how late its timer
 * handed requests over is printed apart) and the server's own histogram (its p99 bucket).
 * Targets on the 2-core machine: single p99 < 2 ms at 5,000/s, batch p99 < 20 ms, materialisation
 * >= 100,000 rows/s. The server, the load generator and the broker share the machine.
 *
 *   KAFKA_BROKERS=... npx tsx development/bench/feature-server-bench.ts [--entities=1000000] [--seconds=30]
 */
import { rawAggSerde } from '@fp/card-transactions';
import { createKafkaAdmin } from '@fp/kafka-admin';
import { createKafkaSink } from '@fp/kafka-sink';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectionFromEnv } from '../lib/kafka-env';
import { numberArg, printResult, result, round } from './bench-result';
import { cardFeatureRow } from './card-feature-row';
import { bundleWorker, startBundledWorker, type BundledWorker } from './bundled-worker';
import type { PrometheusSample } from './prometheus-text';

const PROJECT = 'feature-server-pipeline';
const VIEW = 'card_transactions_10m_agg';
const entities = numberArg('entities', 1_000_000);
const partitions = numberArg('partitions', 4);
const loadSeconds = numberArg('seconds', 30);
const singleRate = numberArg('rate', 5_000);
const batchRate = numberArg('batch-rate', 20);
const batchSize = numberArg('batch-size', 1_000);
/** Records queued in the producer before the bench waits for the broker. */
const MAX_PENDING_RECORDS = 50_000;
const READY_TIMEOUT_MS = 30 * 60_000;

interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSec: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyMs: Readonly<Record<'p50' | 'p90' | 'p99' | 'p99_9' | 'max' | 'mean', number>>;
  readonly schedulingLagMs: Readonly<Record<'p50' | 'p99' | 'max', number>>;
}

async function produceRows(topic: string): Promise<void> {
  const connection = connectionFromEnv('feature-server-bench');
  const admin = createKafkaAdmin({ connection });
  try {
    await admin.ensureTopics([{ topic, partitions, replicationFactor: 1 }]);
  } finally {
    await admin.close();
  }
  const serde = rawAggSerde();
  const sink = createKafkaSink({ connection });
  const startedMs = performance.now();
  const windowEndMs = Math.floor(Date.now() / 60_000) * 60_000;
  for (let card = 1; card <= entities; card++) {
    sink.send({
      topic,
      key: String(card),
      value: serde.serialize(cardFeatureRow(card, windowEndMs)),
      timestampMs: windowEndMs - 1,
    });
    if (sink.pendingCount >= MAX_PENDING_RECORDS) await sink.flush();
  }
  await sink.close();
  printResult(result('feature-server-produce', entities, (performance.now() - startedMs) / 1_000, { partitions }));
}

/** Runs lookup-load.ts in a process of its own and returns its JSON line. */
function runLoad(url: string, args: readonly string[]): Promise<LoadResult> {
  const script = fileURLToPath(new URL('lookup-load.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        `--url=${url}`,
        `--view=${VIEW}`,
        `--entities=${entities}`,
        `--seconds=${loadSeconds}`,
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (code !== 0 || line === undefined) reject(new Error(`lookup-load exited with ${String(code)}: ${output}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

/** The server-side latency histogram of one kind of lookup: cumulative counts by upper bound (s). */
function latencyBuckets(samples: readonly PrometheusSample[], kind: string): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const { name, labels, value } of samples) {
    if (name !== 'fp_feature_lookup_duration_seconds_bucket' || labels['kind'] !== kind) continue;
    const le = labels['le'] === '+Inf' ? Number.POSITIVE_INFINITY : Number(labels['le']);
    buckets.set(le, (buckets.get(le) ?? 0) + value);
  }
  return buckets;
}

/** The upper bound (ms) of the bucket holding the p99 of the lookups between two scrapes. */
function serverP99Ms(before: readonly PrometheusSample[], after: readonly PrometheusSample[], kind: string): number {
  const start = latencyBuckets(before, kind);
  const end = [...latencyBuckets(after, kind)].sort(([a], [b]) => a - b);
  const total = (end.at(-1)?.[1] ?? 0) - (start.get(Number.POSITIVE_INFINITY) ?? 0);
  const bucket = end.find(([le, count]) => count - (start.get(le) ?? 0) >= 0.99 * total);
  return bucket === undefined ? Number.NaN : bucket[0] * 1_000;
}

function loadFigures(load: LoadResult, targetRate: number): Record<string, number> {
  return {
    targetRequestsPerSec: targetRate,
    requestsPerSec: load.requestsPerSec,
    non2xx: load.non2xx,
    errors: load.errors + load.timeouts,
    latencyP50Ms: load.latencyMs.p50,
    latencyP90Ms: load.latencyMs.p90,
    latencyP99Ms: load.latencyMs.p99,
    latencyP99_9Ms: load.latencyMs.p99_9,
    latencyMaxMs: load.latencyMs.max,
    latencyMeanMs: round(load.latencyMs.mean, 2),
    schedulingLagP99Ms: load.schedulingLagMs.p99,
    schedulingLagMaxMs: load.schedulingLagMs.max,
  };
}

async function lookups(server: BundledWorker, url: string): Promise<void> {
  const beforeSingle = await server.scrape();
  const single = await runLoad(url, ['--mode=single', `--rate=${singleRate}`, '--connections=20']);
  const afterSingle = await server.scrape();
  printResult(
    result('feature-server-single-lookups', single.requests, single.seconds, {
      ...loadFigures(single, singleRate),
      serverP99BucketMs: serverP99Ms(beforeSingle, afterSingle, 'single'),
    }),
  );
  const batch = await runLoad(url, [
    '--mode=batch',
    `--rate=${batchRate}`,
    '--connections=4',
    `--batch-size=${batchSize}`,
  ]);
  const afterBatch = await server.scrape();
  printResult(
    result('feature-server-batch-lookups', batch.requests * batchSize, batch.seconds, {
      ...loadFigures(batch, batchRate),
      keysPerRequest: batchSize,
      serverP99BucketMs: serverP99Ms(afterSingle, afterBatch, 'batch'),
    }),
  );
}

async function main(): Promise<void> {
  const topic = `bench-card-features-${randomUUID().slice(0, 8)}`;
  await produceRows(topic);
  bundleWorker(PROJECT);
  const stateDir = await mkdtemp(join(tmpdir(), 'feature-server-bench-'));
  const logTimes = new Map<string, number>();
  const server = await startBundledWorker(
    {
      FEATURE_VIEWS: VIEW,
      CARD_TRANSACTIONS_10M_AGG_TOPIC: topic,
      CARD_TRANSACTIONS_10M_AGG_FORMAT: 'raw',
      STATE_DIR: stateDir,
      LOG_LEVEL: 'info',
    },
    (line) => {
      if (!line.startsWith('{')) return;
      const { msg, time } = JSON.parse(line) as { msg?: string; time?: string };
      if (msg !== undefined && time !== undefined) logTimes.set(msg, Date.parse(time));
    },
    PROJECT,
  );
  try {
    await server.waitUntilReady(READY_TIMEOUT_MS);
    const fromStartSeconds = (performance.now() - server.spawnedAtMs) / 1_000;
    const reading = logTimes.get('reading the view topics');
    const caughtUp = logTimes.get('online store caught up with the end offsets seen at start');
    const readingSeconds = reading === undefined || caughtUp === undefined ? Number.NaN : (caughtUp - reading) / 1_000;
    printResult(
      result('feature-server-materialise', entities, fromStartSeconds, {
        rowsPerSecFromFirstFetch: Math.round(entities / readingSeconds),
        secondsFromFirstFetch: round(readingSeconds, 2),
        workerCpuSeconds: round(server.cpuSeconds(), 1),
        eventsPerWorkerCpuSec: Math.round(entities / server.cpuSeconds()),
        workerPeakRssMb: round(server.peakRssMb(), 0),
        partitions,
      }),
    );
    await lookups(server, `http://127.0.0.1:${server.httpPort}`);
  } finally {
    await server.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

await main();
