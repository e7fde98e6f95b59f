/**
 * Chaos run of the streaming card-features pipeline (the bundled worker, as deployed) on a broker
 * of its own, checked against a bounded run over the same input:
 *
 * - transactions are produced at a steady rate while the script SIGKILLs the worker at random
 *   moments (and restarts it on its state directory at once), restarts the broker once
 *   (`services.sh restart-kafka`), and adds then removes (SIGTERM) a second worker of the same group;
 * - then one late transaction per partition moves the watermark past every window of the data, the
 *   worker catches up and stops, and a bounded run computes every window from the same input;
 * - a read_committed reader compares the windows the streaming run closed with the bounded run's,
 *   and a table says, per guarantee: kills, broker restarts, rows expected, missing, duplicated,
 *   unexpected (a row the bounded run did not compute).
 *
 * Exit 1 when at-least-once missed or changed a row, or exactly-once differs in any way.
 *
 *   npm run chaos -- --short                      # about two minutes per guarantee, for CI
 *   npm run chaos                                 # 1,000,000 transactions, kills every 30-90 s
 *   npm run chaos -- --guarantee=exactly-once --transactions=200000 --seed=7
 *   npm run chaos -- --short --calm               # no chaos at all: the comparison must come out clean
 */
import { backfillTransactions } from '@fp/transaction-datagen';
import { rawTransactionSerde } from '@fp/card-transactions';
import { createKafkaAdmin } from '@fp/kafka-admin';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { createKafkaSink, type KafkaSink } from '@fp/kafka-sink';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorker, delay, startBundledWorker, type BundledWorker } from '../bench/bundled-worker';
import { numberArg, stringArg } from '../bench/bench-result';
import { startChaosBroker, type ChaosBroker } from './chaos-broker';
import { compareRows, readFeatureRows, sampleDifferences, type FeatureRow, type RowComparison } from './feature-rows';

type Guarantee = 'at-least-once' | 'exactly-once';

interface Variant {
  readonly transactions: number;
  /** How long transactions are produced, and the chaos lasts. */
  readonly produceSeconds: number;
  /** A kill every [min, max] seconds, uniformly drawn. */
  readonly killEverySeconds: readonly [number, number];
  /** How long the worker may take to catch up once the chaos is over. */
  readonly catchUpSeconds: number;
}

const SHORT: Variant = { transactions: 20_000, produceSeconds: 50, killEverySeconds: [8, 20], catchUpSeconds: 240 };
const LONG: Variant = { transactions: 1_000_000, produceSeconds: 600, killEverySeconds: [30, 90], catchUpSeconds: 900 };
const PARTITIONS = 4;
const isCalm = process.argv.includes('--calm');
/** Missing rows printed with what the output holds instead, to tell a lost record from a wrong value. */
const SAMPLE_DIFFERENCES = 3;
const MINUTE_MS = 60_000;
/** Event times of the data: two hours, ending an hour ago (well inside the broker's 7-day retention). */
const DATA_SPAN_MS = 120 * MINUTE_MS;
/** The late transaction per partition: far enough past the data that every window of it closes. */
const WATERMARK_PUSH_MS = 60 * MINUTE_MS;
/** Windows of the data end by `toMs + 10 min`; the push's own windows start after `toMs + 50 min`. */
const WINDOW_END_LIMIT_AFTER_DATA_MS = 20 * MINUTE_MS;
const PRODUCE_TICK_MS = 250;
/** Not catching up any more: no expected row arrived for this long (restores and rebalances take less). */
const QUIET_FOR_MS = 90_000;
const CATCH_UP_POLL_MS = 5_000;
const READY_TIMEOUT_MS = 180_000;
/** Faster failover when the second worker leaves or a killed one is not restarted in time. */
const SESSION_TIMEOUT_MS = '10000';

interface ChaosResult extends RowComparison {
  readonly guarantee: Guarantee;
  readonly kills: number;
  /** Times the worker exited on its own during the chaos (and was restarted). */
  readonly workerExits: number;
  readonly brokerRestarts: number;
  readonly workersAdded: number;
  readonly caughtUp: boolean;
}

async function main(): Promise<void> {
  const variant = process.argv.includes('--short') ? SHORT : LONG;
  const transactions = numberArg('transactions', variant.transactions);
  const seed = numberArg('seed', 20);
  const guaranteeArg = stringArg('guarantee', 'both');
  const guarantees: Guarantee[] =
    guaranteeArg === 'both' ? ['at-least-once', 'exactly-once'] : [guaranteeArg as Guarantee];
  console.log(`chaos: building the card-features bundle, starting a broker of its own`);
  bundleWorker();
  const broker = await startChaosBroker();
  const results: ChaosResult[] = [];
  try {
    for (const guarantee of guarantees) {
      results.push(await chaosRun(broker, guarantee, { ...variant, transactions }, seed));
    }
  } finally {
    await broker.stop();
  }
  console.table(results);
  const failed = results.filter(({ guarantee, missing, duplicated, unexpected }) =>
    guarantee === 'exactly-once' ? missing + duplicated + unexpected > 0 : missing + unexpected > 0,
  );
  for (const { guarantee } of failed) console.log(`chaos: ${guarantee} broke its promise`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

async function chaosRun(
  broker: ChaosBroker,
  guarantee: Guarantee,
  variant: Variant,
  seed: number,
): Promise<ChaosResult> {
  const id = `${guarantee}-${Date.now().toString(36)}`;
  const topics = {
    transactions: `chaos-transactions-${id}`,
    streaming: `chaos-features-${id}`,
    bounded: `chaos-bounded-${id}`,
  };
  const connection: KafkaConnectionOptions = { brokers: broker.brokers.split(','), clientId: `chaos-${id}` };
  const admin = createKafkaAdmin({ connection });
  await admin.ensureTopics(
    Object.values(topics).map((topic) => ({
      topic,
      partitions: PARTITIONS,
      replicationFactor: 1,
      configs: { 'retention.ms': '-1' },
    })),
  );
  const toMs = Date.now() - WATERMARK_PUSH_MS;
  const fromMs = toMs - DATA_SPAN_MS;
  const generated = [...backfillTransactions({ seed, count: variant.transactions, fromMs, toMs })];
  const stateRoot = await mkdtemp(join(tmpdir(), 'chaos-state-'));
  const workerEnv = (name: string, extra: Record<string, string> = {}) => ({
    KAFKA_BROKERS: broker.brokers,
    CARD_TRANSACTIONS_FORMAT: 'raw',
    TRANSACTIONS_TOPIC: topics.transactions,
    FEATURES_TOPIC: topics.streaming,
    APPLICATION_ID: `chaos-${id}`,
    PROCESSING_GUARANTEE: guarantee,
    SESSION_TIMEOUT_MS,
    STATE_DIR: join(stateRoot, name),
    LOG_LEVEL: 'warn',
    ...extra,
  });
  const counts = { kills: 0, workerExits: 0, brokerRestarts: 0, workersAdded: 0 };
  const log = (what: string) =>
    console.log(`chaos ${guarantee} +${Math.round((Date.now() - startedAtMs) / 1000)}s: ${what}`);
  const startedAtMs = Date.now();

  // An orchestrator restarts a worker that exits (e.g. its start check gave up while the broker was
  // down); so does this script, counting those exits apart from the kills.
  let primaryExited = false;
  const startPrimary = async () => {
    const worker = await startBundledWorker(workerEnv('primary'));
    primaryExited = false;
    void worker.exited.then(() => {
      if (worker === primary) primaryExited = true;
    });
    return worker;
  };
  let primary: BundledWorker = await startBundledWorker(workerEnv('primary'));
  void primary.exited.then(() => (primaryExited = true));
  await primary.waitUntilReady(READY_TIMEOUT_MS);
  log(`worker ready; producing ${generated.length} transactions over ${variant.produceSeconds} s`);
  const producing = produceSteadily(connection, topics.transactions, generated, variant.produceSeconds * 1000, log);
  const chaosEndsAtMs = Date.now() + variant.produceSeconds * 1000;
  const events = [
    { atMs: Date.now() + variant.produceSeconds * 250, what: 'add' as const },
    { atMs: Date.now() + variant.produceSeconds * 400, what: 'restart-broker' as const },
    { atMs: Date.now() + variant.produceSeconds * 650, what: 'remove' as const },
  ];
  let second: BundledWorker | undefined;
  // --calm: the same run without kills, restarts or a second worker, to check the comparison itself.
  if (isCalm) events.length = 0;
  let nextKillAtMs = isCalm ? Number.POSITIVE_INFINITY : Date.now() + drawSeconds(variant.killEverySeconds) * 1000;
  while (Date.now() < chaosEndsAtMs) {
    const due = events.find((event) => event.atMs <= Date.now());
    if (due !== undefined) {
      events.splice(events.indexOf(due), 1);
      if (due.what === 'add') {
        second = await startBundledWorker(workerEnv('second'));
        counts.workersAdded++;
        log('second worker added');
      } else if (due.what === 'remove' && second !== undefined) {
        log(`second worker removed (SIGTERM), exit ${String(await second.stop())}`);
        second = undefined;
      } else if (due.what === 'restart-broker') {
        log('restarting the broker');
        await broker.restart();
        counts.brokerRestarts++;
        log('broker back');
      }
    } else if (primaryExited) {
      counts.workerExits++;
      log(`the worker exited with ${String(await primary.exited)}: restarted`);
      primary = await startPrimary();
    } else if (Date.now() >= nextKillAtMs) {
      process.kill(primary.pid, 'SIGKILL');
      await primary.exited;
      counts.kills++;
      primary = await startPrimary();
      log(`kill -9 #${counts.kills}, restarted on the same state directory`);
      nextKillAtMs = Date.now() + drawSeconds(variant.killEverySeconds) * 1000;
    }
    await delay(200);
  }
  await producing;
  if (second !== undefined) await second.stop();
  await pushWatermark(connection, topics.transactions, generated[0], toMs + WATERMARK_PUSH_MS);
  if (primaryExited) {
    counts.workerExits++;
    primary = await startPrimary();
  }
  // The bounded run over the same (now complete) input says what the streaming run must show.
  log('chaos over; bounded run over the same input');
  const bounded = await startBundledWorker(
    workerEnv('bounded', { MODE: 'bounded', FEATURES_TOPIC: topics.bounded, APPLICATION_ID: `chaos-bounded-${id}` }),
  );
  const boundedExit = await bounded.exited;
  if (boundedExit !== 0) throw new Error(`the bounded run exited with ${String(boundedExit)}`);
  const limitMs = toMs + WINDOW_END_LIMIT_AFTER_DATA_MS;
  const expected = await readFeatureRows(connection, topics.bounded, limitMs);
  log(`${expected.length} rows expected; waiting for the streaming worker to catch up`);
  const { caughtUp, actual } = await waitUntilCaughtUp(
    () => readFeatureRows(connection, topics.streaming, limitMs),
    expected,
    variant.catchUpSeconds * 1000,
  );
  log(caughtUp ? 'caught up; stopping' : `no progress for ${QUIET_FOR_MS / 1000} s; comparing what is there`);
  log(`worker stopped, exit ${String(await primary.stop())}`);
  await admin.close();
  await rm(stateRoot, { recursive: true, force: true });
  const result = { guarantee, ...counts, caughtUp, ...compareRows(expected, actual) };
  log(JSON.stringify(result));
  for (const difference of sampleDifferences(expected, actual, SAMPLE_DIFFERENCES)) log(difference);
  return result;
}

/** Sends `records` in equal slices every tick over `durationMs`; a slice the broker refused is sent again by a new producer. */
async function produceSteadily(
  connection: KafkaConnectionOptions,
  topic: string,
  records: readonly unknown[],
  durationMs: number,
  log: (what: string) => void,
): Promise<void> {
  const serde = rawTransactionSerde();
  const perTick = Math.max(1, Math.ceil(records.length / (durationMs / PRODUCE_TICK_MS)));
  let sink: KafkaSink = createKafkaSink({ connection });
  for (let start = 0; start < records.length; start += perTick) {
    const tickAtMs = Date.now() + PRODUCE_TICK_MS;
    const slice = records.slice(start, start + perTick);
    for (;;) {
      for (const value of slice) sink.send({ topic, key: null, value: serde.serialize(value as never) });
      try {
        await sink.flush();
        break;
      } catch (error) {
        // Resent whole: the bounded run reads the same input, repeats included, so the comparison holds.
        log(`producer failed (${(error as Error).message.slice(0, 80)}); resending the slice`);
        await sink.close().catch(() => undefined);
        sink = createKafkaSink({ connection });
      }
    }
    await delay(Math.max(0, tickAtMs - Date.now()));
  }
  await sink.close();
}

/** One transaction per partition, timestamped `atMs`: the streaming watermark passes every window of the data. */
async function pushWatermark(
  connection: KafkaConnectionOptions,
  topic: string,
  template: unknown,
  atMs: number,
): Promise<void> {
  const serde = rawTransactionSerde();
  const sink = createKafkaSink({ connection });
  for (let partition = 0; partition < PARTITIONS; partition++) {
    sink.send({
      topic,
      partition,
      key: null,
      value: serde.serialize({ ...(template as object), datetime: atMs } as never),
    });
  }
  await sink.close();
}

/**
 * Reads the output until it holds every expected row, or it stops gaining expected rows for
 * `QUIET_FOR_MS` (or `timeoutMs` pass): then the comparison shows what is missing.
 */
async function waitUntilCaughtUp(
  read: () => Promise<FeatureRow[]>,
  expected: readonly FeatureRow[],
  timeoutMs: number,
): Promise<{ caughtUp: boolean; actual: FeatureRow[] }> {
  const deadlineMs = Date.now() + timeoutMs;
  let best = -1;
  let progressAtMs = Date.now();
  for (;;) {
    const actual = await read();
    const { expected: expectedCount, missing } = compareRows(expected, actual);
    const present = expectedCount - missing;
    if (missing === 0) return { caughtUp: true, actual };
    if (present > best) {
      best = present;
      progressAtMs = Date.now();
    }
    if (Date.now() - progressAtMs >= QUIET_FOR_MS || Date.now() >= deadlineMs) return { caughtUp: false, actual };
    await delay(CATCH_UP_POLL_MS);
  }
}

function drawSeconds([min, max]: readonly [number, number]): number {
  return min + Math.random() * (max - min);
}

await main();
