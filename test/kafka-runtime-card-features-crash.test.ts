import {
  buildCardFeaturesTopology,
  rawAggSerde,
  rawTransactionSerde,
  type CardTransaction,
} from '@fp/card-transactions';
import { runBounded } from '@fp/kafka-runtime';
import { backfillTransactions } from '@fp/transaction-datagen';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSING_CARD, featureRows } from './support/card-feature-rows';
import { committedLag } from './support/committed-lag';
import { startCardFeaturesChild, type ChildWorker } from './support/child-worker';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { readWholeTopic } from './support/read-topic';
import { sleep, waitFor } from './support/wait-for';

const PARTITIONS = 3;
const TRANSACTIONS = 9_000;
const FROM_MS = Date.UTC(2026, 0, 1);
const TO_MS = FROM_MS + 3 * 3_600_000;
const transactionSerde = rawTransactionSerde();

describe('card features under kill -9 at named points (real broker)', () => {
  let kafka: Kafka;
  let stateDir: string;
  let input: { topic: string; expected: string[] };

  /** Every transaction once (idempotent producer), round-robin over the partitions, in time order in each. */
  async function produceTransactions(topic: string): Promise<void> {
    const transactions: CardTransaction[] = [
      ...backfillTransactions({ seed: 11, count: TRANSACTIONS, fromMs: FROM_MS, toMs: TO_MS }),
    ];
    const last = transactions.at(-1) as CardTransaction;
    const closing = Array.from({ length: PARTITIONS }, () => ({
      ...last,
      cc_num: CLOSING_CARD,
      datetime: TO_MS + 3_600_000,
    }));
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const all = [...transactions, ...closing];
      for (let from = 0; from < all.length; from += 3_000) {
        await producer.send({
          topic,
          messages: all.slice(from, from + 3_000).map((transaction, index) => ({
            partition: (from + index) % PARTITIONS,
            value: transactionSerde.serialize(transaction),
          })),
        });
      }
    } finally {
      await producer.disconnect();
    }
  }

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'card-crash-'));
    const topic = uniqueName('card-transactions');
    const features = uniqueName('card-features-bounded');
    await createTestTopics(kafka, { [topic]: PARTITIONS, [features]: PARTITIONS });
    await produceTransactions(topic);
    // The reference: a bounded run over the same input.
    const topology = buildCardFeaturesTopology({
      transactionSerde,
      aggSerde: rawAggSerde(),
      topics: { transactions: topic, features },
      name: uniqueName('card-bounded'),
    });
    await runBounded(topology, { connection: { brokers: testBrokers(), clientId: 'card-crash-bounded' }, stateDir });
    input = { topic, expected: featureRows(await readWholeTopic(features)) };
  }, 120_000);

  afterAll(async () => {
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  async function stopCleanly(worker: ChildWorker): Promise<void> {
    worker.process.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }

  /** A victim killed at `crash`, then a successor on the same state directory until every row is there. */
  async function crashAndRecover(guarantee: 'at-least-once' | 'exactly-once', crash: { at?: string; after?: number }) {
    const application = uniqueName('card-crash');
    const features = uniqueName('card-features');
    await createTestTopics(kafka, { [features]: PARTITIONS });
    const env = {
      KAFKA_BROKERS: testBrokers().join(','),
      TRANSACTIONS_TOPIC: input.topic,
      FEATURES_TOPIC: features,
      APPLICATION_ID: application,
      STATE_DIR: join(stateDir, application),
      GUARANTEE: guarantee,
    };
    // A victim set to kill itself may do so before it says it is ready (a checkpoint of the first assignment).
    const victim = await startCardFeaturesChild(
      { ...env, ...(crash.at ? { CRASH_AT: crash.at, CRASH_AFTER: String(crash.after ?? 1) } : {}) },
      { waitUntilReady: crash.at === undefined },
    );
    if (!crash.at) {
      // Mid-batch: killed from outside once it processed part of the input.
      await waitFor(() => (victim.latestMetrics()?.recordsIn ?? 0) > TRANSACTIONS / 3, 'the victim processing');
      victim.process.kill('SIGKILL');
    }
    expect(await victim.exited).toBeNull();
    // The crash came before the end (each transaction is read twice: from its topic, then re-keyed).
    expect(victim.latestMetrics()?.recordsIn ?? 0).toBeLessThan(2 * (TRANSACTIONS + PARTITIONS));

    const successor = await startCardFeaturesChild(env);
    try {
      const rows = async (): Promise<string[]> => featureRows(await readWholeTopic(features));
      const isComplete = async (): Promise<boolean> => {
        const distinct = new Set(await rows());
        return input.expected.every((row) => distinct.has(row));
      };
      const deadline = Date.now() + 90_000;
      while (!(await isComplete()) && Date.now() < deadline) await sleep(500);
      const written = await rows();
      if (guarantee === 'exactly-once') {
        // A read_committed reader sees exactly the bounded run's rows: none missing, none twice.
        expect(written).toEqual(input.expected);
        // Transaction markers do not count as lag: once idle, the group's committed offsets reach the end.
        const topics = [input.topic, `${application}-key-by-card-repartition`];
        const lagDeadline = Date.now() + 30_000;
        let lags = await committedLag(kafka, application, topics);
        while (lags.some((lag) => lag !== 0) && Date.now() < lagDeadline) {
          await sleep(300);
          lags = await committedLag(kafka, application, topics);
        }
        expect(lags).toEqual(lags.map(() => 0));
      } else {
        // At-least-once: nothing missing (rows may repeat).
        expect([...new Set(written)].sort()).toEqual([...new Set(input.expected)].sort());
      }
    } finally {
      await stopCleanly(successor);
    }
  }

  it.each([
    ['exactly-once', 'mid-checkpoint', { at: 'snapshot-taken', after: 8 }],
    ['exactly-once', 'between the transaction commit and the state write', { at: 'transaction-committed', after: 8 }],
    ['exactly-once', 'mid-batch', {}],
    ['at-least-once', 'mid-checkpoint', { at: 'snapshot-taken', after: 2 }],
    ['at-least-once', 'between the state write and the offset commit', { at: 'state-committed', after: 2 }],
    ['at-least-once', 'mid-batch', {}],
  ] as const)(
    '%s, killed %s: the output equals the bounded run',
    async (guarantee, _point, crash) => {
      await crashAndRecover(guarantee, crash);
    },
    180_000,
  );
});
