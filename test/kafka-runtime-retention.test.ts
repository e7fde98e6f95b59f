import { buildCardFeaturesTopology, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import { createKafkaAdmin, type KafkaAdmin } from '@fp/kafka-admin';
import { checkRetention } from '@fp/kafka-runtime';
import { createSilentLogger } from '@fp/log';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { stringSerde } from '@fp/serdes';
import { createTopology } from '@fp/topology';
import { backfillTransactions } from '@fp/transaction-datagen';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, bundleEntry, logLines, runNode, startNode } from './support/bundle';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { readTopic, readWholeTopic } from './support/read-topic';
import { produceTestRecords } from './support/test-producer';

const PROJECT = 'card-features-pipeline';
const DAY_MS = 86_400_000;
/** The broker's default `retention.ms` (`log.retention.hours=168`), set explicitly so the test does not depend on the broker's. */
const DEFAULT_RETENTION = { 'retention.ms': String(7 * DAY_MS) };
const PARTITIONS = 2;
/** A bounded and a streaming run of the bundled worker, each starting a Node process: minutes on a loaded machine. */
const STREAMING_AND_BOUNDED_TIMEOUT_MS = 300_000;

describe('retention: a backfill of old data against topics with the default 7-day retention (real broker)', () => {
  let kafka: Kafka;
  let admin: KafkaAdmin;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    admin = createKafkaAdmin({ connection: { brokers: testBrokers(), clientId: uniqueName('retention') } });
    stateDir = await mkdtemp(join(tmpdir(), 'retention-'));
    buildBundle(PROJECT);
  });

  afterAll(async () => {
    await admin.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  /** Per partition of `topic`: whether the broker's next retention check would delete any record of it. */
  async function recordsRetentionWouldDelete(topic: string, nowMs: number): Promise<number> {
    const configs = await admin.describeTopicConfigs(topic);
    const retentionMs = Number(configs['retention.ms']);
    const byTime = configs['cleanup.policy']?.includes('delete') && configs['message.timestamp.type'] === 'CreateTime';
    if (!byTime || retentionMs < 0) return 0;
    const [starts, cutoffs] = await Promise.all([
      admin.fetchStartOffsets(topic),
      admin.fetchOffsetsForTimestamp(topic, nowMs - retentionMs),
    ]);
    return cutoffs.reduce(
      (sum, { partition, offset }) =>
        sum + Number(offset) - Number(starts.find((start) => start.partition === partition)?.offset ?? offset),
      0,
    );
  }

  it(
    'writes every feature of 30-day-old transactions, and leaves nothing the broker would delete by retention',
    async () => {
      const nowMs = Date.now();
      const applicationIds = { bounded: uniqueName('backfill-30d'), streaming: uniqueName('backfill-30d-streaming') };
      const topics = {
        transactions: uniqueName('transactions-30d'),
        features: uniqueName('features-30d'),
        streamingFeatures: uniqueName('features-30d-streaming'),
        deadLetters: uniqueName('dead-letters-30d'),
      };
      // Inputs carry their event time in the payload and the producer's time as the Kafka timestamp (as
      // the datagen writes them), so a 7-day retention keeps them. The output topic takes the fix the
      // runtime's warning names; the dead-letter topic keeps the default and must be warned about.
      await createTestTopics(kafka, { [topics.transactions]: PARTITIONS, [topics.deadLetters]: 1 }, DEFAULT_RETENTION);
      await createTestTopics(
        kafka,
        { [topics.features]: PARTITIONS, [topics.streamingFeatures]: PARTITIONS },
        { ...DEFAULT_RETENTION, 'message.timestamp.type': 'LogAppendTime' },
      );
      const generated = [
        ...backfillTransactions({ seed: 30, count: 1_000, fromMs: nowMs - 30 * DAY_MS, toMs: nowMs - 29 * DAY_MS }),
      ];
      const raw = rawTransactionSerde();
      await produceTestRecords(
        kafka,
        topics.transactions,
        generated.map((value, n) => ({ value: raw.serialize(value), partition: n % PARTITIONS })),
      );

      const driver = createTestDriver(
        buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
        { partitions: PARTITIONS },
      );
      for (const value of generated) driver.pipe('read-transactions', null, value);
      const closedWhileStreaming = driver.output('write-features').length;
      driver.endInput();
      const describeRow = (key: unknown, value: unknown) => JSON.stringify({ key, value });
      const expected = driver
        .output('write-features')
        .map(({ key, value }) => describeRow(key, value))
        .sort();
      expect(closedWhileStreaming).toBeGreaterThan(0);
      const describeRows = (records: readonly { key: Buffer | null; value: Buffer | null }[]) =>
        records
          .map(({ key, value }) => describeRow(key?.toString(), rawAggSerde().deserialize(value ?? Buffer.alloc(0))))
          .sort();
      const env = (mode: string, features: string, applicationId: string) => ({
        MODE: mode,
        KAFKA_BROKERS: testBrokers().join(','),
        CARD_TRANSACTIONS_FORMAT: 'raw',
        TRANSACTIONS_TOPIC: topics.transactions,
        FEATURES_TOPIC: features,
        DEAD_LETTER_TOPIC: topics.deadLetters,
        APPLICATION_ID: applicationId,
        STATE_DIR: stateDir,
        HTTP_PORT: '0',
      });

      const bounded = await runNode(bundleEntry(PROJECT), env('bounded', topics.features, applicationIds.bounded));
      expect(bounded.code).toBe(0);
      const warnings = logLines(bounded.stdout).filter(({ msg }) => msg.includes('retention.ms='));
      expect(warnings.map(({ msg }) => msg.split(' ').slice(0, 3).join(' '))).toEqual([
        `output topic ${topics.deadLetters}`,
      ]);
      expect(describeRows(await readWholeTopic(topics.features))).toEqual(expected);

      // Streaming goes through the runtime's own repartition and changelog topics, stamped with event time too.
      const streaming = startNode(
        bundleEntry(PROJECT),
        env('streaming', topics.streamingFeatures, applicationIds.streaming),
      );
      let streamed: string[];
      try {
        streamed = describeRows(await readTopic(kafka, topics.streamingFeatures, closedWhileStreaming, 120_000));
      } finally {
        streaming.child.kill('SIGTERM');
      }
      expect((await streaming.exited).code).toBe(0);
      expect(streamed).toHaveLength(closedWhileStreaming);
      expect(streamed.every((row) => expected.includes(row))).toBe(true);

      // Nothing any topic of the runs holds (inputs, outputs, the runtime's repartition and changelog
      // topics) is older than its topic's time-based retention: the next retention check deletes nothing.
      const internalTopics = (await admin.listTopics()).filter((topic) =>
        topic.startsWith(`${applicationIds.streaming}-`),
      );
      expect(internalTopics.some((topic) => topic.endsWith('-repartition'))).toBe(true);
      expect(internalTopics.some((topic) => topic.endsWith('-changelog'))).toBe(true);
      const runTopics = [topics.transactions, topics.features, topics.streamingFeatures, ...internalTopics];
      const deletable = await Promise.all(
        runTopics.map(async (topic) => [topic, await recordsRetentionWouldDelete(topic, Date.now())] as const),
      );
      expect(deletable.filter(([, count]) => count > 0)).toEqual([]);
    },
    STREAMING_AND_BOUNDED_TIMEOUT_MS,
  );

  it('warns, naming topic and setting, of an output topic that deletes old records and of input records already past retention', async () => {
    const nowMs = Date.now();
    const topics = { input: uniqueName('old-input'), output: uniqueName('short-output') };
    await createTestTopics(kafka, { [topics.input]: 1, [topics.output]: 1 }, DEFAULT_RETENTION);
    await produceTestRecords(kafka, topics.input, [
      { value: 'a month old', timestamp: String(nowMs - 30 * DAY_MS) },
      { value: 'fresh', timestamp: String(nowMs) },
    ]);
    const topology = createTopology('retention-check');
    topology
      .stream('read', { topic: topics.input, key: stringSerde, value: stringSerde })
      .to('write', { topic: topics.output, key: stringSerde, value: stringSerde });
    const warnings = await checkRetention(topology, {
      connection: { brokers: testBrokers(), clientId: uniqueName('retention-check') },
      log: createSilentLogger(),
      now: () => nowMs,
    });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(`output topic ${topics.output} deletes records older than retention.ms=604800000`);
    expect(warnings[0]).toContain('message.timestamp.type=LogAppendTime');
    expect(warnings[1]).toContain(`input topic ${topics.input} holds records older than its retention.ms=604800000`);
  });
});
