import { createKafkaAdmin } from '@fp/kafka-admin';
import { runStreaming, type RunningTopology } from '@fp/kafka-runtime';
import { createTransactionalKafkaSink } from '@fp/kafka-sink';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import {
  describePageCount,
  expectedWhileStreaming,
  generateClicks,
  pageCountsTopology,
  produceClicks,
} from './support/page-counts';
import { readTopic } from './support/read-topic';
import { waitFor } from './support/wait-for';

describe('runStreaming() on a real broker', () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'streaming-'));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('matches the driver across a repartition, survives a restart from local state and one from the changelog', async () => {
    const topics = { clicks: uniqueName('clicks'), counts: uniqueName('counts') };
    await createTestTopics(kafka, { [topics.clicks]: 3, [topics.counts]: 2 });
    const applicationId = uniqueName('page-counts');
    const options = {
      connection: { brokers: testBrokers(), clientId: 'streaming-test' },
      stateDir,
      deadLetterTopic: uniqueName('dead-letters'),
      commitIntervalMs: 300,
      repartitionPurgeIntervalMs: 0,
    };
    const run = () => runStreaming(pageCountsTopology(topics, applicationId), options);
    const clicks = generateClicks(0, 900);

    // 1. First third of the input, then a graceful stop (final checkpoint).
    await produceClicks(kafka, topics.clicks, clicks.slice(0, 300));
    let running: RunningTopology = await run();
    let expected = expectedWhileStreaming(topics, clicks.slice(0, 300));
    await waitFor(() => running.metrics().recordsOut >= expected.length, `${expected.length} outputs`);
    expect(running.isReady()).toBe(true);
    const first = await running.stop();
    expect(first).toMatchObject({ mode: 'streaming', recordsOut: expected.length, deadLetteredRecords: 0 });

    // 2. Restart on the local LevelDB state: it resumes where the checkpoint says, counting on.
    await produceClicks(kafka, topics.clicks, clicks.slice(300, 600));
    running = await run();
    expected = expectedWhileStreaming(topics, clicks.slice(0, 600));
    await waitFor(
      () => first.recordsOut + running.metrics().recordsOut >= expected.length,
      `${expected.length} outputs after restart`,
    );
    const second = await running.stop();

    // 3. Restart with the local state deleted: the stores are rebuilt from the changelog topics.
    await rm(join(stateDir, applicationId), { recursive: true, force: true });
    await produceClicks(kafka, topics.clicks, clicks.slice(600, 900));
    running = await run();
    expected = expectedWhileStreaming(topics, clicks);
    await waitFor(
      () => first.recordsOut + second.recordsOut + running.metrics().recordsOut >= expected.length,
      `${expected.length} outputs after a restore from the changelog`,
    );
    // The windowed store lives in the 3 tasks of the sub-topology after the repartition.
    expect(running.metrics().changelogRestores).toBe(3);
    await running.stop();

    const written = await readTopic(kafka, topics.counts, expected.length);
    // A graceful stop checkpoints everything: no window fired twice, none is missing.
    expect(written.map(({ key, value }) => describePageCount(key, value)).sort()).toEqual(expected);

    // The clicks of 2023 outlive any retention in the repartition topic; what was consumed is purged.
    const repartition = `${applicationId}-by-page-repartition`;
    const admin = createKafkaAdmin({ connection: options.connection });
    try {
      expect(await admin.describeTopicConfigs(repartition)).toMatchObject({ 'retention.ms': '-1' });
      const starts = await admin.fetchStartOffsets(repartition);
      expect(starts.every(({ offset }) => BigInt(offset) > 0n)).toBe(true);
    } finally {
      await admin.close();
    }
  });

  it('commits outputs, state and offsets in one transaction per task with exactly-once, and fences a zombie', async () => {
    const topics = { clicks: uniqueName('clicks'), counts: uniqueName('counts') };
    await createTestTopics(kafka, { [topics.clicks]: 3, [topics.counts]: 2 });
    const applicationId = uniqueName('page-counts-eos');
    const options = {
      connection: { brokers: testBrokers(), clientId: 'streaming-eos-test' },
      stateDir,
      deadLetterTopic: uniqueName('dead-letters'),
      commitIntervalMs: 300,
      guarantee: 'exactly-once' as const,
    };
    const run = () => runStreaming(pageCountsTopology(topics, applicationId), options);
    const clicks = generateClicks(0, 600);

    await produceClicks(kafka, topics.clicks, clicks.slice(0, 300));
    let running = await run();
    let expected = expectedWhileStreaming(topics, clicks.slice(0, 300));
    await waitFor(() => running.metrics().recordsOut >= expected.length, `${expected.length} outputs`);
    const first = await running.stop();

    await produceClicks(kafka, topics.clicks, clicks.slice(300, 600));
    running = await run();
    expected = expectedWhileStreaming(topics, clicks);
    await waitFor(
      () => first.recordsOut + running.metrics().recordsOut >= expected.length,
      `${expected.length} outputs after restart`,
    );
    // Outputs become visible to read_committed readers only when their transaction commits.
    await waitFor(() => running.metrics().checkpoints > 0, 'a committed checkpoint');
    const written = await readTopic(kafka, topics.counts, expected.length);
    expect(written.map(({ key, value }) => describePageCount(key, value)).sort()).toEqual(expected);

    // A second producer with task 0_0's transactional id (a new owner after a rebalance) fences this one.
    const usurper = createTransactionalKafkaSink({
      connection: options.connection,
      transactionalId: `${applicationId}-task-0_0`,
    });
    await usurper.beginTransaction();
    await produceClicks(kafka, topics.clicks, generateClicks(600, 30));
    await expect(running.stopped).rejects.toThrow();
    await usurper.abort();
    await usurper.close();
  });
});
