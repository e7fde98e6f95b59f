import { runBounded } from '@fp/kafka-runtime';
import { jsonSerde, numberSerde, stringSerde } from '@fp/serdes';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { createTopology, windowedKeySerde } from '@fp/topology';
import { count, tumbling } from '@fp/windowing';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';

const click = z.object({ user: z.string(), page: z.string(), ms: z.number() });
type Click = z.infer<typeof click>;

function pageCounts(topics: { clicks: string; counts: string }) {
  const topology = createTopology('page-counts');
  topology
    .stream('read-clicks', {
      topic: topics.clicks,
      key: stringSerde,
      value: jsonSerde(click),
      timestamp: (value: Click) => value.ms,
      watermark: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 2_000 },
      onDeserializationError: 'dead-letter',
    })
    .groupBy('by-page', (_user, value) => value.page, { key: stringSerde })
    .windowedBy(tumbling({ sizeMs: 10_000, allowedLatenessMs: 0 }))
    .count('count-10s')
    .toStream()
    .to('write-counts', { topic: topics.counts, key: windowedKeySerde(stringSerde), value: numberSerde });
  return topology;
}

async function readAll(
  kafka: Kafka,
  topic: string,
  expected: number,
): Promise<{ key: Buffer | null; value: Buffer | null; headers: Record<string, unknown> }[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: { key: Buffer | null; value: Buffer | null; headers: Record<string, unknown> }[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${records.length}/${expected} records on ${topic}`)), 30_000);
    consumer
      .run({
        eachMessage: async ({ message }) => {
          records.push({ key: message.key, value: message.value, headers: message.headers ?? {} });
          if (records.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return records;
}

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
    const clicks: Click[] = Array.from({ length: 300 }, (_, n) => ({
      user: `u${n % 11}`,
      page: `p${n % 4}`,
      ms: 1_700_000_000_000 + n * 311,
    }));

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics.clicks,
      messages: [
        ...clicks.map((value) => ({ key: value.user, value: JSON.stringify(value) })),
        { key: 'u0', value: '{"user":"u0","page":' },
      ],
    });
    await producer.disconnect();

    const summary = await runBounded(pageCounts(topics), {
      connection: { brokers: testBrokers(), clientId: 'bounded-test' },
      stateDir,
      deadLetterTopic,
    });

    const driver = createTestDriver(pageCounts(topics), { partitions: 3 });
    for (const value of clicks) driver.pipe(topics.clicks, value.user, value);
    driver.endInput();
    const expected = driver.output('write-counts').map(({ key, value }) => JSON.stringify({ key, value }));

    const written = await readAll(kafka, topics.counts, expected.length);
    const keySerde = windowedKeySerde(stringSerde);
    const actual = written.map(({ key, value }) =>
      JSON.stringify({ key: keySerde.deserialize(key as Buffer), value: numberSerde.deserialize(value as Buffer) }),
    );
    expect(actual.sort()).toEqual([...expected].sort());
    expect(summary).toMatchObject({ mode: 'bounded', deadLetteredRecords: 1, recordsOut: expected.length });
    expect(summary.ranges?.reduce((sum, range) => sum + Number(range.endOffset) - Number(range.startOffset), 0)).toBe(
      301,
    );

    const [deadLetter] = await readAll(kafka, deadLetterTopic, 1);
    expect(deadLetter?.value?.toString()).toBe('{"user":"u0","page":');
    expect(String(deadLetter?.headers['fp-error-code'])).toBe('SERDES_JSON_SYNTAX');
    expect(String(deadLetter?.headers['fp-source-topic'])).toBe(topics.clicks);
    expect(String(deadLetter?.headers['fp-step'])).toBe('read-clicks');
  });

  it('refuses to start when a dead-letter source has no dead-letter topic, listing every bad option', async () => {
    await expect(
      runBounded(pageCounts({ clicks: 'c', counts: 'o' }), {
        connection: { brokers: [], clientId: 'x' },
        stateDir: '',
      }),
    ).rejects.toThrow(
      /connection\.brokers must list[\s\S]*stateDir must be[\s\S]*deadLetterTopic is required: sources read-clicks/,
    );
  });
});
