/**
 * The streaming worker of the recovery bench, in its own process so the bench can kill it with
 * SIGKILL: a count per key (no window, no repartition) from INPUT_TOPIC to OUTPUT_TOPIC, run by
 * `runStreaming` with the default commit interval. Configured by environment: KAFKA_BROKERS,
 * INPUT_TOPIC, OUTPUT_TOPIC, APPLICATION_ID, STATE_DIR, LOG_LEVEL (default info; its JSON lines go
 * to stderr). Prints `ready` once `runStreaming` resolved (group joined, state restored), then its
 * metrics as JSON lines every 100 ms.
 *
 *   node --import tsx development/bench/recovery-worker.ts   (started by recovery-bench.ts)
 */
import { runStreaming } from '@fp/kafka-runtime';
import { createLogger, LOG_LEVELS, type LogLevel } from '@fp/log';
import { numberSerde, stringSerde } from '@fp/serdes';
import { createTopology, type Topology } from '@fp/topology';
import { connectionFromEnv } from '../lib/kafka-env';

/** Often enough for the bench to see "caught up and checkpointed" without polling the worker. */
const METRICS_EVERY_MS = 100;
/** The one stateful step; its changelog topic is `<APPLICATION_ID>-count-per-key-changelog`. */
const COUNT_STEP = 'count-per-key';

function countPerKeyTopology(name: string, topics: { input: string; output: string }): Topology {
  const topology = createTopology(name);
  topology
    .stream('read-events', { topic: topics.input, key: stringSerde, value: numberSerde })
    .groupByKey()
    .count(COUNT_STEP)
    .toStream()
    .to('write-counts', { topic: topics.output, key: stringSerde, value: numberSerde });
  return topology;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function logLevel(): LogLevel {
  const level = process.env['LOG_LEVEL'] ?? 'info';
  return (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info';
}

async function main(): Promise<void> {
  const topology = countPerKeyTopology(requiredEnv('APPLICATION_ID'), {
    input: requiredEnv('INPUT_TOPIC'),
    output: requiredEnv('OUTPUT_TOPIC'),
  });
  // Logs on stderr: stdout carries the `ready` and metrics lines the bench parses.
  const log = createLogger({ name: 'recovery-worker', level: logLevel(), destination: process.stderr });
  const running = await runStreaming(topology, {
    connection: connectionFromEnv('recovery-worker'),
    stateDir: requiredEnv('STATE_DIR'),
    log,
  });
  process.stdout.write('ready\n');
  setInterval(() => process.stdout.write(`${JSON.stringify(running.metrics())}\n`), METRICS_EVERY_MS);
  process.once('SIGTERM', () => {
    void running.stop().then(() => process.exit(0));
  });
  await running.stopped;
}

main().catch((error: unknown) => {
  process.stderr.write(`recovery-worker failed: ${String(error)}\n`);
  process.exit(1);
});
