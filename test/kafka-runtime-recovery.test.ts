import { runStreaming } from '@fp/kafka-runtime';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageCountsWorker } from './support/child-worker';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import {
  describePageCount,
  expectedWhileStreaming,
  type Click,
  generateClicks,
  pageCountsTopology,
  produceClicks,
} from './support/page-counts';
import { readDistinctCountRows } from './support/page-count-rows';
import { readWholeTopic } from './support/read-topic';
import { sleep } from './support/wait-for';

describe('recovery on a real broker', () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'recovery-'));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  /** Fresh clicks (3 partitions) and counts topics, and the page-counts worker's environment for them. */
  async function workerOnNewTopics(application: string, guarantee: 'at-least-once' | 'exactly-once') {
    const topics = { clicks: uniqueName('clicks'), counts: uniqueName('counts') };
    await createTestTopics(kafka, { [topics.clicks]: 3, [topics.counts]: 2 });
    const env = {
      KAFKA_BROKERS: testBrokers().join(','),
      CLICKS_TOPIC: topics.clicks,
      COUNTS_TOPIC: topics.counts,
      APPLICATION_ID: uniqueName(application),
      STATE_DIR: stateDir,
      GUARANTEE: guarantee,
      DEAD_LETTER_TOPIC: uniqueName('dead-letters'),
    };
    return { topics, env };
  }

  /**
   * Starts a successor on the victim's state and topics, expects every row the driver computes for
   * `clicks` (repeats allowed: at-least-once may write one twice, never a wrong count), then stops it
   * with a clean exit. Returns the expected rows.
   */
  async function expectSuccessorToWriteEveryRow(
    env: Record<string, string>,
    topics: { clicks: string; counts: string },
    clicks: readonly Click[],
  ): Promise<string[]> {
    const successor = await startPageCountsWorker(env);
    const expected = expectedWhileStreaming(topics, clicks);
    try {
      expect(await readDistinctCountRows(kafka, topics.counts, expected)).toEqual(expected);
    } finally {
      successor.process.kill('SIGTERM');
      expect(await successor.exited).toBe(0);
    }
    return expected;
  }

  it.each(['at-least-once', 'exactly-once'] as const)('survives kill -9 mid-run with %s', async (guarantee) => {
    const { topics, env } = await workerOnNewTopics('page-counts-kill', guarantee);
    const clicks = generateClicks(0, 1_200);
    await produceClicks(kafka, topics.clicks, clicks.slice(0, 600));

    const victim = await startPageCountsWorker(env);
    // Let it process and checkpoint part of the input, then kill it without warning.
    const deadline = Date.now() + 30_000;
    while ((victim.latestMetrics()?.checkpoints ?? 0) < 1 && Date.now() < deadline) await sleep(50);
    await produceClicks(kafka, topics.clicks, clicks.slice(600, 900));
    victim.process.kill('SIGKILL');
    expect(await victim.exited).toBeNull();

    await produceClicks(kafka, topics.clicks, clicks.slice(900));
    const expected = await expectSuccessorToWriteEveryRow(env, topics, clicks);
    if (guarantee === 'exactly-once') {
      // The successor fenced the victim's open transactions; a read_committed reader of the whole
      // topic sees every row exactly once, none of the victim's uncommitted work.
      const committed = await readWholeTopic(topics.counts);
      expect(committed.map(({ key, value }) => describePageCount(key, value)).sort()).toEqual(expected);
    }
  });

  it('at-least-once: state and offsets stay consistent when checkpoints overlap processing, across a kill -9', async () => {
    // With at-least-once a checkpoint snapshots offsets and state between two batches and lets
    // processing go on while it waits: a state committed with offsets it does not reflect would
    // count some clicks twice (or never) after the restart. 200 ms checkpoints during a catch-up of
    // 40,000 clicks, a kill in the middle, then the successor: every count must be exact.
    const { topics, env } = await workerOnNewTopics('page-counts-overlap', 'at-least-once');
    const clicks = generateClicks(0, 40_000);
    await produceClicks(kafka, topics.clicks, clicks.slice(0, 20_000));
    const victim = await startPageCountsWorker(env);
    const checkpointsOf = () => victim.latestMetrics()?.checkpoints ?? 0;
    const deadline = Date.now() + 60_000;
    while (checkpointsOf() < 2 && Date.now() < deadline) await sleep(20);
    // More input while it works, then a kill two checkpoints later.
    const producing = (async () => {
      for (let from = 20_000; from < 40_000; from += 2_000) {
        await produceClicks(kafka, topics.clicks, clicks.slice(from, from + 2_000));
      }
    })();
    const killAt = checkpointsOf() + 2;
    const overlapped = () => (victim.latestMetrics()?.batchesDuringCheckpoints ?? 0) > 0;
    while ((checkpointsOf() < killAt || !overlapped()) && Date.now() < deadline) await sleep(20);
    // The case under test happened: batches were processed while a checkpoint was in progress.
    expect(overlapped()).toBe(true);
    victim.process.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    await producing;

    await expectSuccessorToWriteEveryRow(env, topics, clicks);
  });

  it('moves tasks to the remaining member when one stops; it restores their state from the changelog', async () => {
    const topics = { clicks: uniqueName('clicks'), counts: uniqueName('counts') };
    await createTestTopics(kafka, { [topics.clicks]: 3, [topics.counts]: 2 });
    const name = uniqueName('page-counts-group');
    const options = (member: string) => ({
      connection: { brokers: testBrokers(), clientId: `member-${member}` },
      stateDir: join(stateDir, member),
      deadLetterTopic: uniqueName('dead-letters'),
      commitIntervalMs: 200,
    });
    const clicks = generateClicks(0, 800);
    await produceClicks(kafka, topics.clicks, clicks.slice(0, 400));

    const a = await runStreaming(pageCountsTopology(topics, name), options('a'));
    const b = await runStreaming(pageCountsTopology(topics, name), options('b'));
    const deadline = Date.now() + 60_000;
    // Settled: b has a share, and the rebalance is over (a task revoked from a but not yet given to b counts for neither).
    const assigned = () => a.metrics().assignedTasks.length + b.metrics().assignedTasks.length;
    while ((b.metrics().assignedTasks.length === 0 || assigned() !== 6) && Date.now() < deadline) await sleep(100);
    // Three partitions (each holds some users' clicks, so every task's watermark moves), two
    // sub-topologies: six tasks split between the two members.
    expect(a.metrics().assignedTasks.length + b.metrics().assignedTasks.length).toBe(6);
    const movedTasks = b.metrics().assignedTasks;
    expect(movedTasks.length).toBeGreaterThan(0);

    // b processes its share of more input, so a's old local copies of those tasks fall behind.
    await produceClicks(kafka, topics.clicks, clicks.slice(400, 600));
    const processedByB = () => b.metrics().recordsIn;
    while (processedByB() === 0 && Date.now() < deadline) await sleep(100);
    await sleep(1_500);
    // Each member reports the lag of the partitions it reads now, never of those it handed over.
    const lagKeys = (member: typeof a) => Object.keys(member.metrics().consumerLag);
    expect(lagKeys(b).length).toBeGreaterThan(0);
    expect(lagKeys(a).filter((key) => lagKeys(b).includes(key))).toEqual([]);
    await b.stop();

    await produceClicks(kafka, topics.clicks, clicks.slice(600));
    while (a.metrics().assignedTasks.length < 6 && Date.now() < deadline) await sleep(100);
    expect([...a.metrics().assignedTasks].sort()).toEqual(expect.arrayContaining([...movedTasks]));
    // Member a's copies of b's windowed stores were behind: each came back from its changelog.
    const movedStores = movedTasks.filter((task) => task.startsWith('1_')).length;
    expect(a.metrics().changelogRestores).toBeGreaterThanOrEqual(movedStores);

    const expected = expectedWhileStreaming({ ...topics }, clicks);
    try {
      expect(await readDistinctCountRows(kafka, topics.counts, expected)).toEqual(expected);
    } finally {
      await a.stop();
    }
  });
});
