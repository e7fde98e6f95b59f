/**
 * Recovery: time from process start to first output after a kill -9 of a streaming worker holding
 * `--keys` keys of state (a count per key, `recovery-worker.ts`, default 5 s checkpoints):
 *
 * - `recovery-local-state`: the successor reuses the killed worker's STATE_DIR (LevelDB intact);
 * - `recovery-changelog`: the state directory is deleted first, so the successor rebuilds the store
 *   from its `<app>-count-per-key-changelog` topic.
 *
 * Each run: fresh topics, `--keys` records with distinct keys, a worker that processes them and
 * checkpoints, kill -9, then a successor is spawned and ONE record for an existing key is produced
 * right away; `seconds` is spawn -> a reader of the output topic sees that key's new count. The
 * second scenario kills the first scenario's successor (after it checkpointed) the same way.
 * Also printed, in seconds after the spawn: `firstLogSeconds` (Node and modules loaded),
 * `assignedSeconds` (group joined: a successor joining as a new member waits here until the killed
 * member's session expires), `readySeconds` (`runStreaming` resolved: state opened or restored);
 * `restoredEntries` (changelog entries put back), the runtime's `changelogRestores`, the worker's
 * peak RSS up to the first output, and `successorSurvivedCheckpoint` (it checkpointed afterwards
 * instead of failing; `changelogRestores` is -1 when it died before printing any metrics).
 * Needs KAFKA_BROKERS (e.g. `eval "$(bash tools/local-services/services.sh env)"`).
 *
 *   npx tsx development/bench/recovery-bench.ts [--keys=1000000] [--partitions=6]
 *     [--worker-log=/tmp/recovery-worker.log]   (worker JSON logs; LOG_LEVEL=debug for more)
 */
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { createKafkaAdmin } from '@fp/kafka-admin';
import type { RuntimeMetrics } from '@fp/kafka-runtime';
import { createKafkaSink, type KafkaSink } from '@fp/kafka-sink';
import { createKafkaSource } from '@fp/kafka-source';
import { numberSerde, stringSerde } from '@fp/serdes';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectionFromEnv } from '../lib/kafka-env';
import { numberArg, printResult, result, round, seconds, stringArg } from './bench-result';
import { sampleProcess } from './process-sampler';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER_SCRIPT = fileURLToPath(new URL('./recovery-worker.ts', import.meta.url));
const POLL_EVERY_MS = 50;
/** Producer backpressure while loading: flush once this many records are queued. */
const LOAD_FLUSH_EVERY_RECORDS = 50_000;
/** Generous bound for loading and processing --keys records on a shared 2-core machine. */
const CATCH_UP_TIMEOUT_MS = 15 * 60_000;
/** Above kafkajs' 30 s session timeout plus a restore of 1M keys, so a slow recovery is measured, not aborted. */
const RECOVERY_TIMEOUT_MS = 5 * 60_000;
/**
 * Checkpoints to wait for once everything is processed: a checkpoint already running when the last
 * batch was processed may not cover it (its offsets were taken before), the next one does.
 */
const CHECKPOINTS_AFTER_CATCH_UP = 2;
/** What the first kill-and-restart must show: the target for a restart with local state. */
const LOCAL_RESTART_TARGET_SECONDS = 5;

interface Worker {
  readonly child: ChildProcess;
  readonly spawnedAtMs: number;
  readonly exited: Promise<void>;
  /** ms after spawn of the `ready` line (runStreaming resolved), of the first log line, of the group assignment. */
  readonly phasesMs: { firstLog?: number; assigned?: number; ready?: number };
  latestMetrics(): RuntimeMetrics | undefined;
  /**
   * Sum of `applied` over the runtime's `restored from changelog` log lines: changelog entries put
   * back, i.e. the keys plus the updates compaction has not removed yet.
   */
  restoredEntries(): number;
  peakRssMb(): number;
  stopSamplingRss(): void;
}

async function main(): Promise<void> {
  const keys = numberArg('keys', 1_000_000);
  const partitions = numberArg('partitions', 6);
  const workerLog = stringArg('worker-log', '');
  if (!process.env['KAFKA_BROKERS']) {
    throw new Error('set KAFKA_BROKERS (eval "$(bash tools/local-services/services.sh env)")');
  }
  const connection = connectionFromEnv('recovery-bench');
  const suffix = Date.now().toString(36);
  const topics = { input: `bench-recovery-in-${suffix}`, output: `bench-recovery-out-${suffix}` };
  const admin = createKafkaAdmin({ connection });
  await admin.ensureTopics([
    { topic: topics.input, partitions, replicationFactor: 1 },
    { topic: topics.output, partitions, replicationFactor: 1 },
  ]);
  await admin.close();

  const sink = createKafkaSink({ connection });
  const stateDir = await mkdtemp(join(tmpdir(), 'recovery-bench-'));
  const env = {
    INPUT_TOPIC: topics.input,
    OUTPUT_TOPIC: topics.output,
    APPLICATION_ID: `bench-recovery-${suffix}`,
    STATE_DIR: stateDir,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
  };
  try {
    const loadedAtMs = performance.now();
    await produceDistinctKeys(sink, topics.input, keys);
    const first = spawnWorker(env, workerLog);
    await waitUntilCheckpointedAfter(first, keys);
    printResult(result('recovery-initial-load', keys, seconds(loadedAtMs), { partitions, keys }));

    const local = await killAndRestart(first, { connection, sink, topics, env, workerLog, probeKey: keyOf(0) });
    const localSurvived = await survivesACheckpoint(local.successor);
    printResult(scenarioResult('recovery-local-state', keys, partitions, local, localSurvived));
    if (!localSurvived) throw new Error('the local-state successor failed after its first output; see --worker-log');

    const changelog = await killAndRestart(local.successor, {
      connection,
      sink,
      topics,
      env,
      workerLog,
      probeKey: keyOf(1),
      beforeRestart: () => rm(stateDir, { recursive: true, force: true }),
    });
    const changelogSurvived = await survivesACheckpoint(changelog.successor);
    printResult(scenarioResult('recovery-changelog', keys, partitions, changelog, changelogSurvived));
    if (changelogSurvived) await stopGracefully(changelog.successor);
  } finally {
    killStrayWorkers();
    await sink.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

function keyOf(index: number): string {
  return `key-${index.toString().padStart(7, '0')}`;
}

/** One record per key, so the store ends with `keys` entries of count 1. */
async function produceDistinctKeys(sink: KafkaSink, topic: string, keys: number): Promise<void> {
  for (let index = 0; index < keys; index++) {
    sink.send({ topic, key: keyOf(index), value: numberSerde.serialize(index) });
    if (sink.pendingCount >= LOAD_FLUSH_EVERY_RECORDS) await sink.flush();
  }
  await sink.flush();
}

/** Every worker started, so a failed run leaves no process behind. */
const spawned = new Set<ChildProcess>();

function killStrayWorkers(): void {
  for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function hasExited(worker: Worker): boolean {
  return worker.child.exitCode !== null || worker.child.signalCode !== null;
}

function spawnWorker(env: Record<string, string>, workerLog: string): Worker {
  const spawnedAtMs = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  const phasesMs: { firstLog?: number; assigned?: number; ready?: number } = {};
  let latest: RuntimeMetrics | undefined;
  let restoredEntries = 0;
  let stderrTail = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onLines(child.stdout, (line) => {
    if (line === 'ready') phasesMs.ready ??= performance.now() - spawnedAtMs;
    else if (line.startsWith('{')) latest = JSON.parse(line) as RuntimeMetrics;
  });
  onLines(child.stderr, (line) => {
    if (workerLog) appendFileSync(workerLog, `${line}\n`);
    stderrTail = line;
    const entry = parseLogLine(line);
    if (entry === undefined) return;
    phasesMs.firstLog ??= performance.now() - spawnedAtMs;
    if (entry['msg'] === 'partitions assigned') phasesMs.assigned ??= performance.now() - spawnedAtMs;
    if (entry['msg'] === 'restored from changelog') restoredEntries += Number(entry['applied'] ?? 0);
  });
  void exited.then(() => {
    if (child.exitCode !== null && child.exitCode !== 0)
      console.error(`worker exited with ${child.exitCode}: ${stderrTail}`);
  });
  const sampler = sampleProcess(child.pid as number);
  return {
    child,
    spawnedAtMs,
    exited,
    phasesMs,
    latestMetrics: () => latest,
    restoredEntries: () => restoredEntries,
    peakRssMb: sampler.peakMb,
    stopSamplingRss: sampler.stop,
  };
}

function onLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffered = '';
  stream?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function waitFor(worker: Worker, what: string, isDone: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!isDone()) {
    if (hasExited(worker)) throw new Error(`the worker exited while waiting for ${what}`);
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
}

/** Waits until the worker has read `records` records, has no lag, and checkpointed that state. */
async function waitUntilCheckpointedAfter(worker: Worker, records: number): Promise<void> {
  const metrics = () => worker.latestMetrics();
  const isCaughtUp = () => {
    const latest = metrics();
    return (
      latest !== undefined && latest.recordsIn >= records && Object.values(latest.consumerLag).every((lag) => lag === 0)
    );
  };
  await waitFor(worker, `the worker to process ${records} records`, isCaughtUp, CATCH_UP_TIMEOUT_MS);
  const target = (metrics()?.checkpoints ?? 0) + CHECKPOINTS_AFTER_CATCH_UP;
  await waitFor(
    worker,
    'checkpoints after catching up',
    () => (metrics()?.checkpoints ?? 0) >= target,
    CATCH_UP_TIMEOUT_MS,
  );
}

interface RestartOptions {
  readonly connection: KafkaConnectionOptions;
  readonly sink: KafkaSink;
  readonly topics: { readonly input: string; readonly output: string };
  readonly env: Record<string, string>;
  readonly workerLog: string;
  /** A key already counted once: the successor's first output for it is a count of 2. */
  readonly probeKey: string;
  /** Runs between the kill and the spawn (e.g. deleting the state directory). */
  readonly beforeRestart?: () => Promise<void>;
}

interface Restart {
  readonly successor: Worker;
  readonly firstOutputMs: number;
}

async function killAndRestart(victim: Worker, options: RestartOptions): Promise<Restart> {
  victim.child.kill('SIGKILL');
  await victim.exited;
  victim.stopSamplingRss();
  await options.beforeRestart?.();
  const watcher = await watchForCount(options.connection, options.topics.output, options.probeKey, 2);
  const successor = spawnWorker(options.env, options.workerLog);
  options.sink.send({ topic: options.topics.input, key: options.probeKey, value: numberSerde.serialize(-1) });
  await options.sink.flush();
  let seenAtMs: number;
  try {
    seenAtMs = await Promise.race([watcher.seen, failOnExit(successor)]);
  } finally {
    await watcher.stop();
    successor.stopSamplingRss();
  }
  // The output can come before the worker's first metrics line (printed every 100 ms after `ready`),
  // and a successor evicted during its restore writes its output and dies at once, printing none.
  await waitFor(
    successor,
    'metrics from the successor',
    () => successor.latestMetrics() !== undefined || hasExited(successor),
    RECOVERY_TIMEOUT_MS,
  );
  return { successor, firstOutputMs: seenAtMs - successor.spawnedAtMs };
}

/**
 * A reader of the output topic (fresh group, from the end, joined before the successor starts)
 * that resolves with the time it receives `key` with value `count`.
 */
async function watchForCount(
  connection: KafkaConnectionOptions,
  topic: string,
  key: string,
  count: number,
): Promise<{ seen: Promise<number>; stop(): Promise<void> }> {
  let resolveSeen: (atMs: number) => void = () => undefined;
  const seenAt = new Promise<number>((resolve) => {
    resolveSeen = resolve;
  });
  const reader = createKafkaSource({
    connection: { ...connection, clientId: 'recovery-bench-reader' },
    groupId: `recovery-bench-reader-${Date.now().toString(36)}`,
    topics: [topic],
    startFrom: 'latest',
    handler: async (batch) => {
      const match = batch.records.some(
        (record) =>
          record.key !== null &&
          record.value !== null &&
          stringSerde.deserialize(record.key) === key &&
          numberSerde.deserialize(record.value) === count,
      );
      if (match) resolveSeen(performance.now());
    },
  });
  await reader.start();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no output for ${key} within ${RECOVERY_TIMEOUT_MS} ms`)),
      RECOVERY_TIMEOUT_MS,
    );
  });
  return {
    seen: Promise.race([seenAt, timeout]),
    stop: async () => {
      clearTimeout(timer);
      await reader.stop();
    },
  };
}

function scenarioResult(bench: string, keys: number, partitions: number, restart: Restart, survived: boolean) {
  const { successor, firstOutputMs } = restart;
  const metrics = successor.latestMetrics();
  const phase = (ms: number | undefined) => (ms === undefined ? -1 : round(ms / 1000, 2));
  return result(bench, keys, firstOutputMs / 1000, {
    keys,
    partitions,
    firstLogSeconds: phase(successor.phasesMs.firstLog),
    assignedSeconds: phase(successor.phasesMs.assigned),
    readySeconds: phase(successor.phasesMs.ready),
    restoredEntries: successor.restoredEntries(),
    changelogRestores: metrics?.changelogRestores ?? -1,
    workerPeakRssMb: successor.peakRssMb(),
    successorSurvivedCheckpoint: survived,
    ...(bench === 'recovery-local-state' ? { targetSeconds: LOCAL_RESTART_TARGET_SECONDS } : {}),
    note: 'seconds: successor spawn -> its output for a record produced right after the spawn; phases in s after spawn',
  });
}

/**
 * Whether the successor is still a healthy member after its first output: it checkpoints that
 * record (and the next batch) rather than dying, e.g. evicted from the group during a long restore.
 */
async function survivesACheckpoint(worker: Worker): Promise<boolean> {
  try {
    await waitUntilCheckpointedAfter(worker, 1);
    return true;
  } catch (error) {
    if (hasExited(worker)) return false;
    throw error;
  }
}

/** Rejects once the worker exits: a successor that dies will never produce the output waited for. */
async function failOnExit(worker: Worker): Promise<never> {
  await worker.exited;
  throw new Error(
    `the successor exited (${String(worker.child.exitCode ?? worker.child.signalCode)}) before its first output; see --worker-log`,
  );
}

async function stopGracefully(worker: Worker): Promise<void> {
  worker.child.kill('SIGTERM');
  await worker.exited;
}

main().catch((error: unknown) => {
  console.error('recovery-bench failed:', error);
  process.exitCode = 1;
});
