/**
 * End to end through Kafka, with the BUNDLED card-features worker run as deployed (plain `node`,
 * at-least-once, 5 s checkpoints). One JSON line per result; `--modes` picks them (all by default):
 *
 * - `bounded`: pre-loads `--events` registry-framed Avro card transactions into a fresh
 *   `--partitions` topic and runs the worker in bounded mode to the end: events/s, peak RSS.
 * - `streaming`: the same pre-loaded topic, a streaming worker (own group and state) until it has
 *   caught up (every input and repartition partition at lag 0 and every record counted in), then
 *   SIGTERM: events/s, peak RSS, checkpoint durations (p50/p99/max, from the worker's debug log; see checkpoint-log.ts).
 * - `latency`: a streaming worker on a fresh topic while the bench produces live transactions
 *   (`datetime` = wall clock) at `--rate` events/s, and a consumer reads the features topic.
 *   Latency of an output = the moment the consumer received it minus (window_end + 60 s): a
 *   window [start, end) fires when the watermark, max datetime - 60 000 - 1 (PIPELINES.md section 3),
 *   reaches end - 1, so with wall-clock event time no pipeline could emit it before end + 60 s.
 *   Windows slide every minute, so one firing (one output per active card) happens per minute, and
 *   nothing fires during the first 60-120 s; the producer therefore runs a warm-up of out-of-orderness
 *   + slide (2 min) plus `--seconds`, which guarantees at least 1 + floor(`--seconds` / 60) firings.
 *   Then the bench waits until the worker has processed everything produced, so every window that
 *   fired counts: a worker that falls behind shows as latency (and as `workerBacklogAtProduceEnd`).
 *
 * Needs KAFKA_BROKERS and SCHEMA_REGISTRY_URL (e.g. `eval "$(bash tools/local-services/services.sh env)"`).
 * The topics it creates (inputs, outputs, the worker's internal topics) are deleted at the end.
 *
 * `--threads` lists the stream-thread counts (`STREAM_THREADS`) the streaming and latency modes run
 * with, one run each; a result of more than one thread is named `...-<n>-threads`.
 *
 *   npx tsx development/bench/kafka-e2e-bench.ts [--modes=bounded,streaming,latency] [--events=2000000]
 *     [--partitions=6] [--rate=50000] [--seconds=60] [--threads=1,2]
 */
import {
  sourceTransactionAvroSchema,
  TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS,
  transactionAggAvroSchema,
  type SourceTransaction,
  type TransactionAgg,
} from '@fp/card-transactions';
import { createKafkaAdmin } from '@fp/kafka-admin';
import { createKafkaClient, type KafkaConnectionOptions } from '@fp/kafka-connection';
import { createKafkaSink } from '@fp/kafka-sink';
import { createSchemaRegistry, registryAvroSerde, type SchemaRegistry } from '@fp/schema-registry';
import { backfillTransactions } from '@fp/transaction-datagen';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionFromEnv } from '../lib/kafka-env';
import { numberArg, printResult, result, round, stringArg } from './bench-result';
import { bundleWorker, delay, startBundledWorker, type BundledWorker } from './bundled-worker';
import { createCheckpointLog, type CheckpointLog } from './checkpoint-log';
import { LATENCY_DEFINITION, startLatencyReader } from './latency-reader';
import { brokerCpuFigures, localBrokerCpuSeconds } from './local-broker';
import { percentiles } from './percentiles';
import { produceAtRate } from './produce-at-rate';
import { waitUntilCaughtUp, workerProgress } from './worker-progress';

const MODES = ['bounded', 'streaming', 'latency'] as const;
type Mode = (typeof MODES)[number];

/**
 * Transactions per card and minute, as in the in-process card bench (5M over 24 h, 999 cards): the
 * time range scales with --events so every size has the same window density (and output volume).
 */
const TRANSACTIONS_PER_CARD_MINUTE = 3.5;
const CARDS = 999;
const MINUTE_MS = 60_000;
/** The card windows advance every minute: after the watermark delay, one more minute brings the first firing. */
const WINDOW_SLIDE_MS = MINUTE_MS;
const LATENCY_WARMUP_MS = TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS + WINDOW_SLIDE_MS;
const MS_PER_SECOND = 1000;
/** Records the pre-load lets queue in the producer before it waits for the broker. */
const PRELOAD_MAX_PENDING_RECORDS = 50_000;
/** Process start, registry calls, group join and restore; generous for a loaded 2-core machine. */
const READY_TIMEOUT_MS = 120_000;
/** A worker that has not caught up after this long is broken or hopelessly slow: fail rather than hang. */
const CATCH_UP_TIMEOUT_MS = 20 * MINUTE_MS;
/** After the worker has processed the last record, its outputs are at most a producer linger and a fetch away. */
const OUTPUT_SETTLE_MS = 2_000;
/** The worker's topology (`buildCardFeaturesTopology`) re-keys through this internal topic. */
const repartitionTopic = (applicationId: string): string => `${applicationId}-key-by-card-repartition`;

interface BenchContext {
  readonly connection: KafkaConnectionOptions;
  readonly registry: SchemaRegistry;
  /** Makes every topic, group and subject of this run unique (and findable for deletion). */
  readonly suffix: string;
  readonly partitions: number;
}

async function main(): Promise<void> {
  const modes = modesArg();
  const registryUrl = process.env['SCHEMA_REGISTRY_URL'];
  if (!process.env['KAFKA_BROKERS'] || !registryUrl) {
    throw new Error('set KAFKA_BROKERS and SCHEMA_REGISTRY_URL (eval "$(bash tools/local-services/services.sh env)")');
  }
  const context: BenchContext = {
    connection: connectionFromEnv('kafka-e2e-bench'),
    registry: createSchemaRegistry({ url: registryUrl }),
    suffix: Date.now().toString(36),
    partitions: numberArg('partitions', 6),
  };
  const threadCounts = threadsArg();
  try {
    bundleWorker();
    if (modes.has('bounded') || modes.has('streaming')) {
      const events = numberArg('events', 2_000_000);
      const transactionsTopic = await preload(context, events);
      if (modes.has('bounded')) await runBounded(context, transactionsTopic, events);
      if (modes.has('streaming')) {
        for (const threads of threadCounts) await runStreamingCatchUp(context, transactionsTopic, events, threads);
      }
    }
    if (modes.has('latency')) {
      for (const threads of threadCounts) {
        await runLatency(context, numberArg('rate', 50_000), numberArg('seconds', 60) * MS_PER_SECOND, threads);
      }
    }
  } finally {
    await deleteTopicsOfRun(context);
  }
}

function modesArg(): Set<Mode> {
  const names = stringArg('modes', MODES.join(',')).split(',');
  const unknown = names.filter((name) => !(MODES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--modes takes ${MODES.join(', ')}; unknown: ${unknown.join(', ')}`);
  return new Set(names as Mode[]);
}

function threadsArg(): number[] {
  const counts = stringArg('threads', '1,2').split(',').map(Number);
  if (counts.some((count) => !Number.isInteger(count) || count < 1)) {
    throw new Error(`--threads takes a comma-separated list of positive integers, got ${stringArg('threads', '')}`);
  }
  return counts;
}

/** A result's name for a run with `threads` stream threads: the one-thread name stays as it was. */
const withThreads = (name: string, threads: number): string => (threads === 1 ? name : `${name}-${threads}-threads`);

async function createTopics(context: BenchContext, topics: readonly string[]): Promise<void> {
  const admin = createKafkaAdmin({ connection: context.connection });
  try {
    await admin.ensureTopics(topics.map((topic) => ({ topic, partitions: context.partitions, replicationFactor: 1 })));
  } finally {
    await admin.close();
  }
}

function transactionSerde(context: BenchContext, topic: string) {
  return registryAvroSerde<SourceTransaction>({
    registry: context.registry,
    topic,
    readerSchema: sourceTransactionAvroSchema,
  });
}

/** Fills a fresh topic with `events` transactions spread over a past range; returns its name. */
async function preload(context: BenchContext, events: number): Promise<string> {
  const topic = `bench-transactions-${context.suffix}`;
  await createTopics(context, [topic]);
  const serde = await transactionSerde(context, topic);
  const sink = createKafkaSink({ connection: context.connection });
  const producedAtMs = performance.now();
  const spanMs = Math.ceil(events / (CARDS * TRANSACTIONS_PER_CARD_MINUTE)) * MINUTE_MS;
  const toMs = Date.now();
  for (const transaction of backfillTransactions({ seed: 1, count: events, fromMs: toMs - spanMs, toMs })) {
    sink.send({ topic, key: null, value: serde.serialize(transaction) });
    if (sink.pendingCount >= PRELOAD_MAX_PENDING_RECORDS) await sink.flush();
  }
  await sink.close();
  printResult(result('kafka-e2e-preload', events, secondsSince(producedAtMs), { partitions: context.partitions }));
  return topic;
}

/** The worker's environment for one mode: its own group, internal topics, features topic and state. */
async function workerEnv(
  context: BenchContext,
  mode: 'bounded' | 'streaming',
  name: string,
  transactionsTopic: string,
  streamThreads = 1,
): Promise<{ env: Record<string, string>; applicationId: string; featuresTopic: string; stateDir: string }> {
  const applicationId = `bench-${name}-${context.suffix}`;
  const featuresTopic = `bench-features-${name}-${context.suffix}`;
  await createTopics(context, [featuresTopic]);
  const stateDir = await mkdtemp(join(tmpdir(), `kafka-e2e-bench-${name}-`));
  const env = {
    MODE: mode,
    // Streaming runs log each checkpoint's duration at debug level (see checkpoint-log.ts).
    LOG_LEVEL: mode === 'streaming' ? 'debug' : 'warn',
    TRANSACTIONS_TOPIC: transactionsTopic,
    FEATURES_TOPIC: featuresTopic,
    APPLICATION_ID: applicationId,
    STATE_DIR: stateDir,
    STREAM_THREADS: String(streamThreads),
  };
  return { env, applicationId, featuresTopic, stateDir };
}

async function runBounded(context: BenchContext, transactionsTopic: string, events: number): Promise<void> {
  const { env, stateDir } = await workerEnv(context, 'bounded', 'bounded', transactionsTopic);
  const brokerCpuAtSpawn = await localBrokerCpuSeconds();
  const worker = await startBundledWorker(env);
  const code = await worker.exited;
  const brokerCpuAtExit = await localBrokerCpuSeconds();
  await rm(stateDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`the bundled worker (bounded) exited with ${String(code)}`);
  printResult(
    result('kafka-e2e-card-features-bounded', events, secondsSince(worker.spawnedAtMs), {
      partitions: context.partitions,
      workerPeakRssMb: worker.peakRssMb(),
      ...workerCpuFigures(events, worker.cpuSeconds()),
      ...brokerCpuFigures(brokerCpuAtSpawn, brokerCpuAtExit),
      note: 'bundled worker, bounded, at-least-once; includes process start, group join and final flush',
    }),
  );
}

async function runStreamingCatchUp(
  context: BenchContext,
  transactionsTopic: string,
  events: number,
  streamThreads: number,
): Promise<void> {
  const { env, applicationId, stateDir } = await workerEnv(
    context,
    'streaming',
    `streaming-t${streamThreads}`,
    transactionsTopic,
    streamThreads,
  );
  const checkpoints = createCheckpointLog();
  const brokerCpuAtSpawn = await localBrokerCpuSeconds();
  const worker = await startBundledWorker(env, (line) => checkpoints.onLogLine(line));
  try {
    await worker.waitUntilReady(READY_TIMEOUT_MS);
    const readyAfterSeconds = secondsSince(worker.spawnedAtMs);
    await waitUntilCaughtUp(worker, {
      inputTopics: [transactionsTopic, repartitionTopic(applicationId)],
      partitions: context.partitions,
      // Each transaction is read twice: from the input, then re-keyed from the repartition topic.
      recordsIn: 2 * events,
      timeoutMs: CATCH_UP_TIMEOUT_MS,
    });
    const seconds = secondsSince(worker.spawnedAtMs);
    const workerCpuSeconds = worker.cpuSeconds();
    const brokerCpuAtCaughtUp = await localBrokerCpuSeconds();
    const duringRun = checkpoints.durationsMs.length;
    await stopWorker(worker, 'streaming');
    printResult(
      result(withThreads('kafka-e2e-card-features-streaming-catchup', streamThreads), events, seconds, {
        partitions: context.partitions,
        streamThreads,
        workerPeakRssMb: worker.peakRssMb(),
        readyAfterSeconds: round(readyAfterSeconds, 2),
        eventsPerSecAfterReady: Math.round(events / (seconds - readyAfterSeconds)),
        ...workerCpuFigures(events, workerCpuSeconds),
        ...brokerCpuFigures(brokerCpuAtSpawn, brokerCpuAtCaughtUp),
        ...checkpointFigures(checkpoints, duringRun),
        note:
          'bundled worker, streaming, at-least-once, 5 s checkpoints; seconds from spawn to caught up ' +
          '(lag 0 on every input and repartition partition, all records counted in); ' +
          "checkpoint durations from the worker's debug log, the one at SIGTERM apart",
      }),
    );
  } finally {
    await stopWorker(worker, 'streaming').catch(() => undefined);
    await rm(stateDir, { recursive: true, force: true });
  }
}

async function runLatency(
  context: BenchContext,
  eventsPerSec: number,
  measuredMs: number,
  streamThreads: number,
): Promise<void> {
  const transactionsTopic = `bench-live-transactions-t${streamThreads}-${context.suffix}`;
  await createTopics(context, [transactionsTopic]);
  const { env, applicationId, featuresTopic, stateDir } = await workerEnv(
    context,
    'streaming',
    `latency-t${streamThreads}`,
    transactionsTopic,
    streamThreads,
  );
  const checkpoints = createCheckpointLog();
  const worker = await startBundledWorker(env, (line) => checkpoints.onLogLine(line));
  const sink = createKafkaSink({ connection: context.connection });
  try {
    await worker.waitUntilReady(READY_TIMEOUT_MS);
    const reader = await startLatencyReader({
      connection: context.connection,
      topic: featuresTopic,
      groupId: `bench-latency-reader-${context.suffix}`,
      // The worker registered the features subject when it started; this finds the same id.
      serde: await registryAvroSerde<TransactionAgg>({
        registry: context.registry,
        topic: featuresTopic,
        readerSchema: transactionAggAvroSchema,
      }),
    });
    const produced = await produceAtRate({
      sink,
      topic: transactionsTopic,
      serde: await transactionSerde(context, transactionsTopic),
      eventsPerSec,
      durationMs: LATENCY_WARMUP_MS + measuredMs,
      seed: 1,
    });
    const atProduceEnd = workerProgress(await worker.scrape());
    const backlogAtProduceEnd = 2 * produced.produced - atProduceEnd.recordsIn;
    await waitUntilCaughtUp(worker, {
      inputTopics: [transactionsTopic, repartitionTopic(applicationId)],
      partitions: context.partitions,
      recordsIn: 2 * produced.produced,
      timeoutMs: CATCH_UP_TIMEOUT_MS,
    });
    await delay(OUTPUT_SETTLE_MS);
    await reader.stop();
    const workerCpuSeconds = worker.cpuSeconds();
    const duringRun = checkpoints.durationsMs.length;
    await stopWorker(worker, 'latency');
    const latency = percentiles(reader.latenciesMs);
    printResult(
      result(withThreads('kafka-e2e-card-features-latency', streamThreads), produced.produced, produced.seconds, {
        partitions: context.partitions,
        streamThreads,
        targetEventsPerSec: eventsPerSec,
        producerSkipped: produced.skipped,
        warmupSeconds: LATENCY_WARMUP_MS / MS_PER_SECOND,
        outputs: reader.latenciesMs.length,
        latencyP50Ms: latency.p50,
        latencyP90Ms: latency.p90,
        latencyP99Ms: latency.p99,
        latencyMaxMs: latency.max,
        /** Records (input + repartition) the worker still had to process when the producer stopped: > 0 means it fell behind. */
        workerBacklogAtProduceEnd: backlogAtProduceEnd,
        workerPeakRssMb: worker.peakRssMb(),
        ...workerCpuFigures(produced.produced, workerCpuSeconds),
        ...checkpointFigures(checkpoints, duringRun),
        latencyDefinition: LATENCY_DEFINITION,
        note:
          'eventsPerSec = achieved produce rate (acknowledged records / seconds from first send to last ack), ' +
          'bench producer, worker and broker share the machine',
      }),
    );
  } finally {
    await sink.close().catch(() => undefined);
    await stopWorker(worker, 'latency').catch(() => undefined);
    await rm(stateDir, { recursive: true, force: true });
  }
}

/**
 * The worker's CPU time (all threads, start-up included) and the events it handled per CPU second:
 * steadier than events/s when the machine is shared, and what a second thread cannot inflate.
 */
function workerCpuFigures(events: number, cpuSeconds: number): Record<string, number> {
  return { workerCpuSeconds: cpuSeconds, eventsPerWorkerCpuSec: Math.round(events / cpuSeconds) };
}

/** Checkpoints while the worker ran (the first `duringRun` logged), and the final one at SIGTERM. */
function checkpointFigures(checkpoints: CheckpointLog, duringRun: number): Record<string, number> {
  const durations = percentiles(checkpoints.durationsMs.slice(0, duringRun));
  // Summed over the checkpoints during the run: which phase the checkpoint time goes to
  // (`checkpointTotalOutputFlushMs`, `checkpointTotalChangelogMs`, ...).
  const phaseTotalsMs: Record<string, number> = {};
  for (const phases of checkpoints.phasesMs.slice(0, duringRun)) {
    for (const [phase, ms] of Object.entries(phases)) {
      const name = `checkpointTotal${phase.charAt(0).toUpperCase()}${phase.slice(1)}`;
      phaseTotalsMs[name] = (phaseTotalsMs[name] ?? 0) + ms;
    }
  }
  return {
    checkpoints: duringRun,
    checkpointP50Ms: durations.p50,
    checkpointP99Ms: durations.p99,
    checkpointMaxMs: durations.max,
    checkpointTotalMs: checkpoints.durationsMs.slice(0, duringRun).reduce((sum, ms) => sum + ms, 0),
    ...phaseTotalsMs,
    finalCheckpointMs: checkpoints.durationsMs[duringRun] ?? Number.NaN,
  };
}

async function stopWorker(worker: BundledWorker, name: string): Promise<void> {
  const code = await worker.stop();
  if (code !== 0) throw new Error(`the bundled worker (${name}) exited with ${String(code)} after SIGTERM`);
}

/**
 * The run's topics hold millions of records (GBs on a disk the whole team shares); every one of
 * them, the worker's internal topics included, carries the run's suffix.
 */
async function deleteTopicsOfRun(context: BenchContext): Promise<void> {
  const admin = createKafkaClient(context.connection).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter(
      (topic) => topic.endsWith(context.suffix) || topic.includes(`-${context.suffix}-`),
    );
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

function secondsSince(fromMs: number): number {
  return (performance.now() - fromMs) / MS_PER_SECOND;
}

main().catch((error: unknown) => {
  console.error('kafka-e2e-bench failed:', error);
  process.exitCode = 1;
});
