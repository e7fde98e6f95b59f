import { PipelineError } from '@fp/errors';
import { runBounded } from '@fp/kafka-runtime';
import { createTestDriver } from '@fp/stream-runtime/testing';
import type { Topology } from '@fp/topology';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { describePageCount, generateClicks, pageCountsTopology, type Click } from './support/page-counts';
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

    const expected = countsAtEndOfInput(pageCountsTopology(topics), topics.clicks, clicks);

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

  it('dead-letters a record a step rejects with a data error, with its coordinates and the step', async () => {
    const topics = { clicks: uniqueName('clicks'), counts: uniqueName('counts') };
    const deadLetterTopic = uniqueName('dead-letters');
    await createTestTopics(kafka, { [topics.clicks]: 3, [topics.counts]: 2, [deadLetterTopic]: 1 });
    const clicks = generateClicks(0, 120);
    const pageless = { user: 'u5', page: '', ms: clicks[60]?.ms ?? 0 };

    const producer = await connectTestProducer(kafka);
    await producer.send(topics.clicks, [
      ...clicks.map((value) => ({ key: value.user, value: JSON.stringify(value) })),
      { key: pageless.user, value: JSON.stringify(pageless) },
    ]);
    await producer.disconnect();

    const summary = await runBounded(checkedPageCountsTopology(topics), {
      connection: { brokers: testBrokers(), clientId: 'bounded-test' },
      stateDir: join(stateDir, 'checked'),
      deadLetterTopic,
    });

    const expected = countsAtEndOfInput(checkedPageCountsTopology(topics), topics.clicks, clicks);
    const written = await readTopic(kafka, topics.counts, expected.length);
    expect(written.map(({ key, value }) => describePageCount(key, value)).sort()).toEqual([...expected].sort());
    expect(summary).toMatchObject({ deadLetteredRecords: 1, recordsOut: expected.length });

    const [deadLetter] = await readTopic(kafka, deadLetterTopic, 1);
    expect(JSON.parse(deadLetter?.value?.toString() ?? '')).toEqual(pageless);
    expect(deadLetter?.key?.toString()).toBe('u5');
    expect(String(deadLetter?.headers['fp-step'])).toBe('check-click');
    expect(String(deadLetter?.headers['fp-error-code'])).toBe('PAGE_MISSING');
    expect(String(deadLetter?.headers['fp-error-message'])).toBe('click of u5 has no page');
    expect(String(deadLetter?.headers['fp-source-topic'])).toBe(topics.clicks);
    const partition = Number(String(deadLetter?.headers['fp-source-partition']));
    const offset = Number(String(deadLetter?.headers['fp-source-offset']));
    // A fresh topic: offsets count from 0 in each partition, which the reader delivers in order.
    const inPartition = (await readTopic(kafka, topics.clicks, clicks.length + 1)).filter(
      (record) => record.partition === partition,
    );
    const original = inPartition[offset];
    expect(original?.value?.toString()).toBe(JSON.stringify(pageless));
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

class PageMissingError extends PipelineError<'PAGE_MISSING'> {}

/** The page counts with a step that rejects clicks without a page (a data error) before re-keying. */
function checkedPageCountsTopology(topics: { clicks: string; counts: string }): Topology {
  return pageCountsTopology(topics, uniqueName('checked-page-counts'), {
    check: (click) => {
      if (click.page === '') {
        throw new PageMissingError('PAGE_MISSING', `click of ${click.user} has no page`, { domain: 'data' });
      }
      return click;
    },
  });
}

/** What the test driver writes for `clicks` (3 partitions, to the end of input), as `describePageCount` rows. */
function countsAtEndOfInput(topology: Topology, clicksTopic: string, clicks: readonly Click[]): string[] {
  const driver = createTestDriver(topology, { partitions: 3 });
  for (const value of clicks) driver.pipe(clicksTopic, value.user, value);
  driver.endInput();
  return driver.output('write-counts').map(({ key, value }) => JSON.stringify({ key, value }));
}
