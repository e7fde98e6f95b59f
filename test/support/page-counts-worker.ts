/**
 * A page-counts streaming worker in its own process, so tests can kill it with SIGKILL.
 * Configured by environment: KAFKA_BROKERS, CLICKS_TOPIC, COUNTS_TOPIC, APPLICATION_ID, STATE_DIR,
 * GUARANTEE, DEAD_LETTER_TOPIC, and LOG_LEVEL (silent by default; logs go to stderr, which a failing
 * test shows). Prints `ready`, then its metrics as JSON lines every 100 ms.
 */
import { runStreaming } from '@fp/kafka-runtime';
import { createLogger, createSilentLogger, type LogLevel } from '@fp/log';
import { splitBrokers } from './services';
import { pageCountsTopology } from './page-counts';

const METRICS_EVERY_MS = 100;

async function main(): Promise<void> {
  const env = process.env;
  const topics = { clicks: env['CLICKS_TOPIC'] as string, counts: env['COUNTS_TOPIC'] as string };
  const running = await runStreaming(pageCountsTopology(topics, env['APPLICATION_ID'] as string), {
    connection: { brokers: splitBrokers(env['KAFKA_BROKERS'] ?? ''), clientId: 'page-counts-worker' },
    stateDir: env['STATE_DIR'] as string,
    deadLetterTopic: env['DEAD_LETTER_TOPIC'] as string,
    commitIntervalMs: 200,
    log: env['LOG_LEVEL']
      ? createLogger({ name: 'page-counts-worker', level: env['LOG_LEVEL'] as LogLevel, destination: process.stderr })
      : createSilentLogger(),
    guarantee: env['GUARANTEE'] === 'exactly-once' ? 'exactly-once' : 'at-least-once',
  });
  process.stdout.write('ready\n');
  setInterval(() => process.stdout.write(`${JSON.stringify(running.metrics())}\n`), METRICS_EVERY_MS);
  process.once('SIGTERM', () => {
    void running.stop().then(() => process.exit(0));
  });
  await running.stopped;
}

main().catch((error: unknown) => {
  process.stderr.write(`page-counts-worker failed: ${String(error)}\n`);
  process.exit(1);
});
