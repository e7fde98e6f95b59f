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
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { readWholeTopic } from './support/read-topic';
import { connectTestProducer } from './support/test-producer';
import { sleep } from './support/wait-for';
import { startCardFeaturesWorkerProcess, type WorkerLogLine, type WorkerProcess } from './support/worker-process';

const PARTITIONS = 3;
const FROM_MS = Date.UTC(2026, 0, 1);
/** Event time between two transactions: the most a test could produce stays well before now. */
const SPACING_MS = 2_000;
const MAX_TRANSACTIONS = 200_000;
const CHUNK = 300;
/** How far production may run ahead of what the workers processed: records keep flowing, never a flood. */
const AHEAD = 3_000;
const POLL_MS = 100;
/** How long the stopped member may take to reach its stop point and exit before the test says which it missed. */
const STOP_WAIT_MS = 150_000;
const transactionSerde = rawTransactionSerde();

type StopTrigger = (line: WorkerLogLine, seen: readonly WorkerLogLine[]) => boolean;

/**
 * Where in the rebalance a member is told to stop: which member (the first one, or the one joining
 * its group) and the log line of that member that starts the moment.
 */
const STOP_POINTS: Record<string, { readonly member: 'first' | 'joining'; readonly isAt: StopTrigger }> = {
  // kafkajs' warning as the member leaves its fetch loop to rejoin: the revocation checkpoint runs next.
  'the first member while its partitions are revoked': {
    member: 'first',
    isAt: (line) => line.msg === 'The group is rebalancing, re-joining',
  },
  // Its next assignment once the second member was started (the rebalance that member causes, or one
  // a loaded machine caused just before it): its tasks are opening. Counting assignments from the
  // start instead missed the moment whenever a slow heartbeat had already cost the member one.
  'the first member while its new tasks open': {
    member: 'first',
    isAt: (line) => line.msg === 'partitions assigned',
  },
  // The joining member's first assignment: its tasks open (state restored from the changelog)
  // while the worker is still starting.
  'the joining member while its first tasks open': {
    member: 'joining',
    isAt: (line) => line.msg === 'partitions assigned',
  },
};

/** Transactions produced in time order, round-robin over the partitions, while the workers keep up. */
function startProducing(kafka: Kafka, topic: string, processed: () => Promise<number>) {
  const transactions = backfillTransactions({
    seed: 17,
    count: MAX_TRANSACTIONS,
    fromMs: FROM_MS,
    toMs: FROM_MS + MAX_TRANSACTIONS * SPACING_MS,
  });
  let isStopAsked = false;
  let sent = 0;
  const done = (async () => {
    const producer = await connectTestProducer(kafka);
    try {
      let last: CardTransaction | undefined;
      while (!isStopAsked && sent < MAX_TRANSACTIONS) {
        if (sent - (await processed()) >= AHEAD) {
          await sleep(POLL_MS);
          continue;
        }
        // next(), not for-of: leaving a for-of early would close the generator.
        const chunk: CardTransaction[] = [];
        for (let next = transactions.next(); !next.done; next = transactions.next()) {
          chunk.push(next.value);
          if (chunk.length === CHUNK) break;
        }
        await producer.send(
          topic,
          chunk.map((transaction, index) => ({
            partition: (sent + index) % PARTITIONS,
            value: transactionSerde.serialize(transaction),
          })),
        );
        sent += chunk.length;
        last = chunk.at(-1);
      }
      // An hour after the rest, on every partition: every other window closes.
      const closing = {
        ...(last as CardTransaction),
        cc_num: CLOSING_CARD,
        datetime: (last?.datetime ?? 0) + 3_600_000,
      };
      await producer.send(
        topic,
        Array.from({ length: PARTITIONS }, (_, partition) => ({
          partition,
          value: transactionSerde.serialize(closing),
        })),
      );
    } finally {
      await producer.disconnect();
    }
  })();
  return {
    sent: () => sent,
    /** Stops after the chunk in hand, sends the closing records, resolves when all is acknowledged. */
    stop: async (): Promise<void> => {
      isStopAsked = true;
      await done;
    },
  };
}

/** Each input's position in the last hand-over line of a worker (`tasks checkpointed and closed`). */
function handedOver(worker: WorkerProcess): Map<string, string> {
  const positions = new Map<string, string>();
  for (const line of worker.lines.filter(({ msg }) => msg === 'tasks checkpointed and closed')) {
    for (const [input, offset] of Object.entries(line['positions'] as Record<string, string>))
      positions.set(input, offset);
  }
  return positions;
}

/** Where a worker's tasks first started reading each input (`task ready`, `seekTo`) from its `from`-th log line on. */
function firstSeeks(worker: WorkerProcess, from: number): Map<string, string> {
  const seeks = new Map<string, string>();
  for (const line of worker.lines.slice(from).filter(({ msg }) => msg === 'task ready')) {
    for (const [input, offset] of Object.entries(line['seekTo'] as Record<string, string>)) {
      if (!seeks.has(input)) seeks.set(input, offset);
    }
  }
  return seeks;
}

const indexOfLine = (worker: WorkerProcess, line: WorkerLogLine | undefined): number =>
  line === undefined ? -1 : worker.lines.indexOf(line);

/**
 * A worker process streaming card features with records flowing is told to stop (SIGTERM) in the
 * middle of a rebalance a second worker of its group started: it must exit 0 after its final
 * checkpoint, and the second worker must resume exactly there. Both run the card-features base as
 * an operator runs it (`runWorkerProcess`), on the suite's broker.
 */
describe('SIGTERM during a rebalance (card-features worker processes, real broker)', () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'rebalance-stop-'));
  });

  afterAll(async () => {
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  async function expectedRows(transactionsTopic: string): Promise<string[]> {
    const features = uniqueName('card-features-bounded');
    await createTestTopics(kafka, { [features]: PARTITIONS });
    const topology = buildCardFeaturesTopology({
      transactionSerde,
      aggSerde: rawAggSerde(),
      topics: { transactions: transactionsTopic, features },
      name: uniqueName('card-bounded'),
    });
    await runBounded(topology, {
      connection: { brokers: testBrokers(), clientId: 'rebalance-stop-bounded' },
      stateDir,
    });
    return featureRows(await readWholeTopic(features));
  }

  it.each([
    ['at-least-once', 'the first member while its partitions are revoked'],
    ['at-least-once', 'the first member while its new tasks open'],
    ['at-least-once', 'the joining member while its first tasks open'],
    ['exactly-once', 'the first member while its partitions are revoked'],
    ['exactly-once', 'the first member while its new tasks open'],
    ['exactly-once', 'the joining member while its first tasks open'],
  ] as const)(
    '%s, SIGTERM to %s: it exits 0 after its final checkpoint; the other member resumes there and the output is exact',
    async (guarantee, stopPoint) => {
      const topics = { transactions: uniqueName('transactions'), features: uniqueName('features') };
      await createTestTopics(kafka, { [topics.transactions]: PARTITIONS, [topics.features]: PARTITIONS });
      const application = uniqueName('rebalance-stop');
      const env = (member: string): Record<string, string> => ({
        KAFKA_BROKERS: testBrokers().join(','),
        SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
        CARD_TRANSACTIONS_FORMAT: 'raw',
        TRANSACTIONS_TOPIC: topics.transactions,
        FEATURES_TOPIC: topics.features,
        APPLICATION_ID: application,
        // One state directory per member: each keeps its own member id and stores.
        STATE_DIR: join(stateDir, application, member),
        MODE: 'streaming',
        PROCESSING_GUARANTEE: guarantee,
        COMMIT_INTERVAL_MS: '1000',
        LOG_LEVEL: 'info',
      });
      const workers: WorkerProcess[] = [];
      // Transactions processed so far: each is read twice (its topic, then re-keyed), by either member;
      // a worker that exited keeps the count it last showed.
      const lastCounts = new Map<WorkerProcess, number>();
      const processed = async (): Promise<number> => {
        for (const worker of workers) {
          lastCounts.set(worker, Math.max(lastCounts.get(worker) ?? 0, await worker.counter('fp_records_in_total')));
        }
        return [...lastCounts.values()].reduce((sum, count) => sum + count, 0) / 2;
      };
      const producing = startProducing(kafka, topics.transactions, processed);
      const { member, isAt } = STOP_POINTS[stopPoint] as (typeof STOP_POINTS)[string];
      let signalled: WorkerLogLine | undefined;
      /** The survivor's log length when the stop was signalled: its later seeks take over the stopped member's tasks. */
      let survivorLinesAtSignal = 0;
      const stopAt = (stopped: WorkerProcess, survivor: () => WorkerProcess | undefined): void =>
        stopped.onLine((line) => {
          const other = survivor();
          if (signalled !== undefined || other === undefined || !isAt(line, stopped.lines)) return;
          signalled = line;
          survivorLinesAtSignal = other.lines.length;
          stopped.child.kill('SIGTERM');
        });
      try {
        const first = await startCardFeaturesWorkerProcess(env('first'));
        workers.push(first);
        // Streaming: a few chunks processed, more coming.
        const streaming = async (): Promise<boolean> => (await processed()) >= 3 * CHUNK;
        const streamingDeadline = Date.now() + 120_000;
        while (!(await streaming()) && Date.now() < streamingDeadline) await sleep(POLL_MS);
        expect(await processed(), first.output().slice(-3_000)).toBeGreaterThanOrEqual(3 * CHUNK);

        const joining = await startCardFeaturesWorkerProcess(env('joining'));
        workers.push(joining);
        const [stopped, survivor] = member === 'first' ? [first, joining] : [joining, first];
        stopAt(stopped, () => survivor);
        const stoppedExit = await Promise.race([stopped.exited, sleep(STOP_WAIT_MS).then(() => 'still running')]);
        expect(signalled, `the stop point was never reached: ${stopped.output().slice(-3_000)}`).toBeDefined();
        expect(stoppedExit, stopped.output().slice(-5_000)).toBe(0);
        expect(stopped.output()).not.toContain('graceful stop took too long');
        expect(stopped.lines.filter(({ level }) => level === 'error')).toEqual([]);
        // Every checkpoint reached the group (none tried while the member was still joining it).
        expect(stopped.lines.filter(({ msg }) => msg?.startsWith('consumer offsets not committed'))).toEqual([]);
        // The stop was heard in the rebalance, after the line that starts the stop point: a member
        // still starting says it stops once started; one whose partitions were being revoked had
        // opened no task of the new generation when it heard it.
        const stopping = stopped.lines.find(({ msg }) => msg?.startsWith('stopping') === true);
        const stoppingAt = indexOfLine(stopped, stopping);
        expect(stoppingAt).toBeGreaterThan(indexOfLine(stopped, signalled));
        expect(stopping?.msg).toBe(
          member === 'joining' ? 'stopping once started (joining the group, restoring state)' : 'stopping',
        );
        if (stopPoint === 'the first member while its partitions are revoked') {
          const reopened = stopped.lines.slice(indexOfLine(stopped, signalled)).find(({ msg }) => msg === 'task ready');
          expect(reopened === undefined || indexOfLine(stopped, reopened) > stoppingAt, stopped.output()).toBe(true);
        }
        // The run summary after the final checkpoint.
        const finished = stopped.lines.find(({ msg }) => msg === 'streaming run finished');
        expect(finished?.['summary']).toMatchObject({ mode: 'streaming' });
        expect(indexOfLine(stopped, finished)).toBeGreaterThan(stoppingAt);

        // Records keep coming until the other member has processed some after the hand-over.
        const afterHandOver = producing.sent() + 2 * CHUNK;
        const takeOverDeadline = Date.now() + 120_000;
        while ((await processed()) < afterHandOver && Date.now() < takeOverDeadline) await sleep(POLL_MS);
        await producing.stop();
        expect(await processed(), survivor.output().slice(-3_000)).toBeGreaterThanOrEqual(afterHandOver);

        // The final checkpoint covered everything the stopped member processed: the survivor's tasks
        // started exactly where it handed each input over (the group's committed offsets).
        const handed = handedOver(stopped);
        const handedTransactions = [...handed.keys()].filter((input) => input.startsWith(`${topics.transactions}#`));
        expect(handedTransactions.length).toBeGreaterThanOrEqual(member === 'first' ? PARTITIONS : 1);
        const seeks = firstSeeks(survivor, member === 'first' ? 0 : survivorLinesAtSignal);
        expect(Object.fromEntries([...handed.keys()].map((input) => [input, seeks.get(input)]))).toEqual(
          Object.fromEntries(handed),
        );

        // Nothing lost and, after a clean hand-over, nothing repeated: the output equals a bounded run's.
        const expected = await expectedRows(topics.transactions);
        expect(expected.length).toBeGreaterThan(0);
        const rows = async (): Promise<string[]> => featureRows(await readWholeTopic(topics.features));
        const outputDeadline = Date.now() + 120_000;
        let written = await rows();
        while (written.length < expected.length && Date.now() < outputDeadline) {
          await sleep(500);
          written = await rows();
        }
        expect(written).toEqual(expected);

        // The survivor stops cleanly too, every transaction committed.
        survivor.child.kill('SIGTERM');
        expect(await survivor.exited, survivor.output().slice(-3_000)).toBe(0);
        expect(await committedLag(kafka, application, [topics.transactions])).toEqual([0, 0, 0]);
      } finally {
        await producing.stop().catch(() => undefined);
        for (const worker of workers) worker.kill();
      }
    },
    300_000,
  );
});
