/**
 * The card-features topology (raw Avro) run by `runStreaming` in its own process, so tests can
 * kill it with SIGKILL. Configured by environment: KAFKA_BROKERS, TRANSACTIONS_TOPIC,
 * FEATURES_TOPIC, APPLICATION_ID, STATE_DIR, GUARANTEE, LOG_LEVEL (silent by default; logs go to
 * stderr), and for fault injection CRASH_AT (a checkpoint step, see `CheckpointStep`) with
 * CRASH_AFTER (kill itself at that step's n-th occurrence, default 1); COMMIT_INTERVAL_MS (default
 * 200) and MAX_BYTES_PER_PARTITION (default 16 KiB). Prints `ready`, then its metrics as JSON lines
 * every 100 ms.
 */
import { buildCardFeaturesTopology, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import { runStreaming, type CheckpointStep } from '@fp/kafka-runtime';
import { createLogger, createSilentLogger, type LogLevel } from '@fp/log';
import { splitBrokers } from './services';

const METRICS_EVERY_MS = 100;

/** Kills this process, without warning, at the CRASH_AFTER-th occurrence of checkpoint step CRASH_AT. */
function crashHook(env: NodeJS.ProcessEnv): ((step: CheckpointStep) => void) | undefined {
  const crashAt = env['CRASH_AT'];
  if (!crashAt) return undefined;
  let remaining = Number(env['CRASH_AFTER'] ?? '1');
  return (step) => {
    if (step === crashAt && --remaining <= 0) process.kill(process.pid, 'SIGKILL');
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const topology = buildCardFeaturesTopology({
    transactionSerde: rawTransactionSerde(),
    aggSerde: rawAggSerde(),
    topics: { transactions: env['TRANSACTIONS_TOPIC'] as string, features: env['FEATURES_TOPIC'] as string },
    name: env['APPLICATION_ID'] as string,
  });
  const onCheckpointStep = crashHook(env);
  const running = await runStreaming(topology, {
    connection: { brokers: splitBrokers(env['KAFKA_BROKERS'] ?? ''), clientId: 'card-features-child' },
    stateDir: env['STATE_DIR'] as string,
    commitIntervalMs: Number(env['COMMIT_INTERVAL_MS'] ?? '200'),
    // Small fetches: many batches and checkpoints in a short run, so a crash finds work half done.
    maxBytesPerPartition: Number(env['MAX_BYTES_PER_PARTITION'] ?? String(16 * 1024)),
    log: env['LOG_LEVEL']
      ? createLogger({ name: 'card-features-child', level: env['LOG_LEVEL'] as LogLevel, destination: process.stderr })
      : createSilentLogger(),
    guarantee: env['GUARANTEE'] === 'exactly-once' ? 'exactly-once' : 'at-least-once',
    ...(onCheckpointStep ? { onCheckpointStep } : {}),
  });
  process.stdout.write('ready\n');
  setInterval(() => process.stdout.write(`${JSON.stringify(running.metrics())}\n`), METRICS_EVERY_MS);
  process.once('SIGTERM', () => {
    void running.stop().then(() => process.exit(0));
  });
  await running.stopped;
}

main().catch((error: unknown) => {
  process.stderr.write(`card-features-child failed: ${String(error)}\n`);
  process.exit(1);
});
