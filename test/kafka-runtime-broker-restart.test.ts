import { rawTransactionSerde } from '@fp/card-transactions';
import { installReadCommittedFix } from '@fp/kafka-connection';
import { runStreaming, type RunningTopology } from '@fp/kafka-runtime';
import { createLogger } from '@fp/log';
import { backfillTransactions } from '@fp/transaction-datagen';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { startOwnBroker, type OwnBroker } from './support/own-broker';
import {
  describePageCount,
  expectedWhileStreaming,
  generateClicks,
  pageCountsTopology,
  produceClicks,
} from './support/page-counts';
import { readDistinctCountRows } from './support/page-count-rows';
import { readWholeTopic } from './support/read-topic';
import { sleep, waitFor } from './support/wait-for';
import { startCardFeaturesWorkerProcess } from './support/worker-process';

/**
 * The broker is restarted under a running pipeline, so this test has a broker of its own, and that
 * broker is always a native one (tools/local-services, Java 17+ and Maven), even where the other tests
 * run on Testcontainers: the restart must keep the broker's port and data, as a real broker's restart
 * does, and `services.sh restart-kafka` gives exactly that. A container restarted through the Docker
 * API may come back on another host port, which would test a moved broker instead.
 */
describe('a streaming run across a broker restart', () => {
  let broker: OwnBroker;
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    broker = await startOwnBroker();
    installReadCommittedFix();
    kafka = new Kafka({ clientId: uniqueName('restart-test'), brokers: broker.brokers, logLevel: logLevel.NOTHING });
    stateDir = await mkdtemp(join(tmpdir(), 'broker-restart-'));
  }, 120_000);

  afterAll(async () => {
    // After a failed beforeAll either may be missing; its error is the one to see.
    await broker?.stop();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  }, 60_000);

  it.each(['at-least-once', 'exactly-once'] as const)(
    'loses no result with %s when the broker restarts mid-run',
    async (guarantee) => {
      const topics = { clicks: uniqueName('clicks'), counts: uniqueName('counts') };
      await createTestTopics(kafka, { [topics.clicks]: 3, [topics.counts]: 2 });
      const clicks = generateClicks(0, 1_200);
      await produceClicks(kafka, topics.clicks, clicks.slice(0, 600));
      // The worker's warnings are kept, to tell why if the results never come.
      const logLines: string[] = [];
      const log = createLogger({
        name: 'broker-restart-test',
        level: 'warn',
        destination: { write: (line: string) => logLines.push(line) },
      });
      const running: RunningTopology = await runStreaming(pageCountsTopology(topics, uniqueName('page-counts')), {
        log,
        connection: { brokers: broker.brokers, clientId: 'broker-restart-test' },
        stateDir,
        deadLetterTopic: uniqueName('dead-letters'),
        commitIntervalMs: 200,
        guarantee,
      });
      let failure: unknown;
      running.stopped.catch((error: unknown) => {
        failure = error;
      });
      await waitFor(() => running.metrics().recordsOut > 0 && running.metrics().checkpoints > 0, 'first outputs');

      await broker.restart();
      await produceClicks(kafka, topics.clicks, clicks.slice(600));

      const expected = expectedWhileStreaming(topics, clicks);
      try {
        const rows = await readDistinctCountRows(kafka, topics.counts, expected).catch((error: unknown) => {
          const why = failure === undefined ? 'the worker is still running' : `the worker stopped: ${String(failure)}`;
          throw new Error(`${String(error)}; ${why}; its last warnings:\n${logLines.slice(-20).join('')}`, {
            cause: error,
          });
        });
        expect(rows).toEqual(expected);
        expect(failure).toBeUndefined();
      } finally {
        await running.stop();
      }
      if (guarantee === 'exactly-once') {
        // Transactions open when the broker went down were aborted or completed, never half-visible.
        const committed = await readWholeTopic(topics.counts, 'read_committed', broker.brokers);
        expect(committed.map(({ key, value }) => describePageCount(key, value)).sort()).toEqual(expected);
      }
    },
    180_000,
  );

  it('stops a worker process cleanly after a broker restart: SIGTERM exits 0 with the final checkpoint written', async () => {
    const topics = { transactions: uniqueName('transactions'), features: uniqueName('features') };
    await createTestTopics(kafka, { [topics.transactions]: 3, [topics.features]: 3 });
    const count = 3_000;
    const serde = rawTransactionSerde();
    const fromMs = Date.UTC(2026, 0, 1);
    const transactions = [...backfillTransactions({ seed: 3, count: 2 * count, fromMs, toMs: fromMs + 7_200_000 })];
    const produce = async (from: number): Promise<void> => {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({
        topic: topics.transactions,
        messages: transactions
          .slice(from, from + count)
          .map((transaction) => ({ value: serde.serialize(transaction) })),
      });
      await producer.disconnect();
    };
    await produce(0);

    const application = uniqueName('card-features-stop');
    const worker = await startCardFeaturesWorkerProcess({
      KAFKA_BROKERS: broker.brokers.join(','),
      SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
      CARD_TRANSACTIONS_FORMAT: 'raw',
      TRANSACTIONS_TOPIC: topics.transactions,
      FEATURES_TOPIC: topics.features,
      APPLICATION_ID: application,
      STATE_DIR: join(stateDir, application),
      MODE: 'streaming',
      // No checkpoint by the clock: the offsets committed at the end are the final checkpoint's.
      COMMIT_INTERVAL_MS: '600000',
      LOG_LEVEL: 'info',
    });
    try {
      // Every transaction read, then re-keyed and read again from the repartition topic (at least:
      // a consumer that rejoins after the restart replays what the group had not committed).
      const processed = async (records: number): Promise<void> => {
        const deadline = Date.now() + 90_000;
        while ((await worker.counter('fp_records_in_total')) < records && Date.now() < deadline) {
          await sleep(200);
        }
        expect(await worker.counter('fp_records_in_total')).toBeGreaterThanOrEqual(records);
      };
      await processed(2 * count);
      await broker.restart();
      // More input, processed once the consumer is back in its group.
      await produce(count);
      await processed(4 * count);
      worker.child.kill('SIGTERM');
      expect(await worker.exited, worker.output().slice(-3_000)).toBe(0);
    } finally {
      worker.kill();
    }
    expect(worker.output()).toContain('streaming run finished');
    expect(worker.output()).not.toContain('graceful stop took too long');
    // The final checkpoint committed every transaction the worker read.
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId: application, topics: [topics.transactions] });
      const total = (committed?.partitions ?? []).reduce((sum, { offset }) => sum + Math.max(Number(offset), 0), 0);
      expect(total).toBe(2 * count);
    } finally {
      await admin.disconnect();
    }
  }, 240_000);
});
