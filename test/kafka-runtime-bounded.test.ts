import { runBounded } from '@fp/kafka-runtime';
import { createTestDriver } from '@fp/stream-runtime/testing';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { describePageCount, generateClicks, pageCountsTopology } from './support/page-counts';
import { readTopic } from './support/read-topic';
import { connectTestProducer } from './support/test-producer';

describe('runBounded() on a real broker', () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'bounded-'));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('computes what the test driver computes, through a repartition, and dead-letters bad records', async () => {
    const topics = { clicks: uniqueName('clicks'), counts: uniqueName('counts') };
    const deadLetterTopic = uniqueName('dead-letters');
    await createTestTopics(kafka, { [topics.clicks]: 3, [topics.counts]: 2, [deadLetterTopic]: 1 });
    const clicks = generateClicks(0, 300);

    const producer = await connectTestProducer(kafka);
    await producer.send(topics.clicks, [
      ...clicks.map((value) => ({ key: value.user, value: JSON.stringify(value) })),
      { key: 'u0', value: '{"user":"u0","page":' },
    ]);
    await producer.disconnect();

    const summary = await runBounded(pageCountsTopology(topics), {
      connection: { brokers: testBrokers(), clientId: 'bounded-test' },
      stateDir,
      deadLetterTopic,
    });

    const driver = createTestDriver(pageCountsTopology(topics), { partitions: 3 });
    for (const value of clicks) driver.pipe(topics.clicks, value.user, value);
    driver.endInput();
    const expected = driver.output('write-counts').map(({ key, value }) => JSON.stringify({ key, value }));

    const written = await readTopic(kafka, topics.counts, expected.length);
    const actual = written.map(({ key, value }) => describePageCount(key, value));
    expect(actual.sort()).toEqual([...expected].sort());
    expect(summary).toMatchObject({ mode: 'bounded', deadLetteredRecords: 1, recordsOut: expected.length });
    expect(summary.ranges?.reduce((sum, range) => sum + Number(range.endOffset) - Number(range.startOffset), 0)).toBe(
      301,
    );

    const [deadLetter] = await readTopic(kafka, deadLetterTopic, 1);
    expect(deadLetter?.value?.toString()).toBe('{"user":"u0","page":');
    expect(String(deadLetter?.headers['fp-error-code'])).toBe('SERDES_JSON_SYNTAX');
    expect(String(deadLetter?.headers['fp-source-topic'])).toBe(topics.clicks);
    expect(String(deadLetter?.headers['fp-step'])).toBe('read-clicks');
  });

  it('refuses to start when a dead-letter source has no dead-letter topic, listing every bad option', async () => {
    await expect(
      runBounded(pageCountsTopology({ clicks: 'c', counts: 'o' }), {
        connection: { brokers: [], clientId: 'x' },
        stateDir: '',
      }),
    ).rejects.toThrow(
      /connection\.brokers must list[\s\S]*stateDir must be[\s\S]*deadLetterTopic is required: sources read-clicks/,
    );
  });
});
