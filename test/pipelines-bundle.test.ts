import {
  buildCardFeaturesTopology,
  rawAggSerde,
  rawTransactionSerde,
  sourceTransactionAvroSchema,
  transactionAggAvroSchema,
  type SourceTransaction,
  type TransactionAgg,
} from '@fp/card-transactions';
import { createSchemaRegistry, registryAvroSerde } from '@fp/schema-registry';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { backfillTransactions } from '@fp/transaction-datagen';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, bundleEntry, logLines, runNode, startNode, type LogLine } from './support/bundle';
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { readTopic } from './support/read-topic';
import { connectTestProducer } from './support/test-producer';

const PROJECT = 'card-features-pipeline';
const MINUTE_MS = 60_000;
const WINDOWS_PER_TRANSACTION = 10;

describe(`${PROJECT} bundle`, () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'pipelines-bundle-'));
    buildBundle(PROJECT);
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('runs with plain node in bounded mode on the real broker and registry, writes the features and exits 0', async () => {
    const topics = { transactions: uniqueName('transactions'), features: uniqueName('features') };
    await createTestTopics(kafka, { [topics.transactions]: 2, [topics.features]: 2 });
    const registry = createSchemaRegistry({ url: testSchemaRegistryUrl() });
    const transactionSerde = await registryAvroSerde<SourceTransaction>({
      registry,
      topic: topics.transactions,
      readerSchema: sourceTransactionAvroSchema,
    });
    // Card 42 at minutes 10 and 11 (amounts 0.25, 0.75); card 7 once at minute 10:30.
    const transactions: SourceTransaction[] = [
      { tid: 'a', cc_num: 42, datetime: 10 * MINUTE_MS, amount: 0.25 },
      { tid: 'b', cc_num: 42, datetime: 11 * MINUTE_MS, amount: 0.75 },
      { tid: 'c', cc_num: 7, datetime: 10.5 * MINUTE_MS, amount: 3 },
    ];
    const producer = await connectTestProducer(kafka);
    await producer.send(
      topics.transactions,
      transactions.map((transaction) => ({ value: transactionSerde.serialize(transaction) })),
    );
    await producer.disconnect();

    const result = await runNode(bundleEntry(PROJECT), {
      MODE: 'bounded',
      KAFKA_BROKERS: testBrokers().join(','),
      SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
      TRANSACTIONS_TOPIC: topics.transactions,
      FEATURES_TOPIC: topics.features,
      APPLICATION_ID: uniqueName('bundle'),
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(logLines(result.stdout).at(-1)).toMatchObject({
      msg: 'bounded run finished',
      summary: { mode: 'bounded', deadLetteredRecords: 0 },
    });

    // 11 windows of card 42 (10 per transaction, 9 shared) and 10 of card 7.
    const expectedRows = 2 * WINDOWS_PER_TRANSACTION - 9 + WINDOWS_PER_TRANSACTION;
    const aggSerde = await registryAvroSerde<TransactionAgg>({
      registry,
      topic: topics.features,
      readerSchema: transactionAggAvroSchema,
      autoRegister: false, // the worker registered it at start
    });
    const rows = (await readTopic(kafka, topics.features, expectedRows)).map(({ key, value }) => ({
      key: String(key),
      value: aggSerde.deserialize(value ?? Buffer.alloc(0)),
    }));
    expect(rows).toHaveLength(expectedRows);
    const shared = rows.find(({ value }) => value.cc_num === 42 && value.window_start === 10 * MINUTE_MS);
    expect(shared?.key).toBe('42');
    expect(shared?.value).toMatchObject({ num_trans_per_10m: 2, avg_amt_per_10m: 0.5, window_end: 20 * MINUTE_MS });
    expect(shared?.value.stdev_amt_per_10m).toBeCloseTo(Math.SQRT1_2 / 2, 12); // sample stdev of {0.25, 0.75}
    const single = rows.filter(({ value }) => value.cc_num === 7);
    expect(single).toHaveLength(WINDOWS_PER_TRANSACTION);
    expect(
      single.every(
        ({ value }) => value.num_trans_per_10m === 1 && value.avg_amt_per_10m === 3 && value.stdev_amt_per_10m === 0,
      ),
    ).toBe(true);
  });

  it('exits 1 listing every bad variable when the config is wrong', async () => {
    const result = await runNode(bundleEntry(PROJECT), {
      KAFKA_BROKERS: 'not a broker list',
      MODE: 'sideways',
      HTTP_PORT: 'x',
      CARD_TRANSACTIONS_FORMAT: 'csv',
      PROCESSING_GUARANTEE: 'maybe-once',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/5 problems/);
    for (const name of ['KAFKA_BROKERS', 'MODE', 'HTTP_PORT', 'CARD_TRANSACTIONS_FORMAT', 'PROCESSING_GUARANTEE']) {
      expect(result.stderr).toContain(`${name}:`);
    }
  });

  it('exits 1 within KAFKA_STARTUP_TIMEOUT_MS naming the brokers when none answers', async () => {
    const result = await runNode(bundleEntry(PROJECT), {
      KAFKA_BROKERS: '127.0.0.1:1',
      KAFKA_STARTUP_TIMEOUT_MS: '2000',
      CARD_TRANSACTIONS_FORMAT: 'raw',
      HTTP_PORT: '0',
      STATE_DIR: stateDir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no Kafka broker of 127.0.0.1:1 answered within 2000 ms');
  });

  it('exits 1 naming the missing input topic instead of retrying', async () => {
    const transactions = uniqueName('absent-transactions');
    const result = await runNode(bundleEntry(PROJECT), {
      KAFKA_BROKERS: testBrokers().join(','),
      TRANSACTIONS_TOPIC: transactions,
      CARD_TRANSACTIONS_FORMAT: 'raw',
      HTTP_PORT: '0',
      STATE_DIR: stateDir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`topics missing at ${testBrokers().join(', ')}: ${transactions};`);
  });

  it('runs streaming, becomes ready on /readyz, and on SIGTERM stops with a final checkpoint and exits 0', async () => {
    const topics = { transactions: uniqueName('transactions'), features: uniqueName('features') };
    await createTestTopics(kafka, { [topics.transactions]: 2, [topics.features]: 2 });
    const run = startNode(bundleEntry(PROJECT), {
      KAFKA_BROKERS: testBrokers().join(','),
      CARD_TRANSACTIONS_FORMAT: 'raw',
      TRANSACTIONS_TOPIC: topics.transactions,
      FEATURES_TOPIC: topics.features,
      APPLICATION_ID: uniqueName('bundle-streaming'),
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
    });
    try {
      await expect
        .poll(() => logLines(run.stdout()).find((line) => line.port !== undefined)?.port, { timeout: 30_000 })
        .toBeGreaterThan(0);
      const port = logLines(run.stdout()).find((line) => line.port !== undefined)?.port ?? 0;
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status, { timeout: 60_000, interval: 500 })
        .toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toMatch(/^fp_ready\{[^}]*\} 1$/m);
    } finally {
      run.child.kill('SIGTERM');
    }
    const result = await run.exited;
    expect(result.code).toBe(0);
    // The Kafka client may still log its own "Stopped" after the summary: look the summary up, and
    // check nothing went wrong after it.
    const lines = logLines(result.stdout);
    const finished = lines.findIndex(({ msg }) => msg === 'streaming run finished');
    expect(lines[finished]).toMatchObject({ summary: { mode: 'streaming' } });
    expect(lines.slice(finished + 1).filter(({ level }) => level !== 'info' && level !== 'debug')).toEqual([]);
  });

  it.each(['at-least-once', 'exactly-once'])(
    'gives the same features streaming under PROCESSING_GUARANTEE=%s as bounded for the same input (every window the streaming watermark closed)',
    async (guarantee) => {
      const transactions = { topic: uniqueName('transactions') };
      const featureTopics = { bounded: uniqueName('features-bounded'), streaming: uniqueName('features-streaming') };
      await createTestTopics(kafka, {
        [transactions.topic]: 2,
        [featureTopics.bounded]: 2,
        [featureTopics.streaming]: 2,
      });
      const generated = [...backfillTransactions({ seed: 7, count: 400, fromMs: 0, toMs: 40 * MINUTE_MS })];
      const producer = await connectTestProducer(kafka);
      const raw = rawTransactionSerde();
      await producer.send(
        transactions.topic,
        generated.map((value) => ({ value: raw.serialize(value) })),
      );
      await producer.disconnect();
      const env = (features: string, mode: string) => ({
        MODE: mode,
        PROCESSING_GUARANTEE: guarantee,
        KAFKA_BROKERS: testBrokers().join(','),
        CARD_TRANSACTIONS_FORMAT: 'raw',
        TRANSACTIONS_TOPIC: transactions.topic,
        FEATURES_TOPIC: features,
        APPLICATION_ID: uniqueName(`agree-${mode}`),
        STATE_DIR: stateDir,
        HTTP_PORT: '0',
      });
      const describeRows = (records: readonly { key: Buffer | null; value: Buffer | null }[]) =>
        records
          .map(({ key, value }) =>
            JSON.stringify({ key: String(key), value: rawAggSerde().deserialize(value ?? Buffer.alloc(0)) }),
          )
          .sort();

      // What the streaming run must have written when it has caught up: the driver without end of input.
      const driver = createTestDriver(
        buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
        {
          partitions: 2,
        },
      );
      for (const value of generated) driver.pipe('read-transactions', null, value);
      const closedWhileStreaming = driver.output('write-features').length;
      driver.endInput();
      const all = driver.output('write-features').length;
      expect(closedWhileStreaming).toBeGreaterThan(0);

      const bounded = await runNode(bundleEntry(PROJECT), env(featureTopics.bounded, 'bounded'));
      expect(bounded.code).toBe(0);
      const boundedRows = describeRows(await readTopic(kafka, featureTopics.bounded, all));

      const streaming = startNode(bundleEntry(PROJECT), env(featureTopics.streaming, 'streaming'));
      let streamingRows: string[];
      try {
        streamingRows = describeRows(await readTopic(kafka, featureTopics.streaming, closedWhileStreaming, 60_000));
      } finally {
        streaming.child.kill('SIGTERM');
      }
      expect((await streaming.exited).code).toBe(0);
      expect(boundedRows).toHaveLength(all);
      expect(streamingRows).toHaveLength(closedWhileStreaming);
      // Every window the streaming run closed, it closed with exactly the bounded run's values.
      expect(streamingRows.every((row) => boundedRows.includes(row))).toBe(true);
      // A transaction's commit marker takes an offset of its own in every partition it wrote: under
      // exactly-once the features topic holds more offsets than records, under at-least-once none.
      const admin = kafka.admin();
      await admin.connect();
      const endOffsets = await admin.fetchTopicOffsets(featureTopics.streaming).finally(() => admin.disconnect());
      const offsetsUsed = endOffsets.reduce((sum, { high }) => sum + Number(high), 0);
      if (guarantee === 'exactly-once') expect(offsetsUsed).toBeGreaterThan(closedWhileStreaming);
      else expect(offsetsUsed).toBe(closedWhileStreaming);
    },
  );

  it('runs streaming in two stream threads: each owns some tasks, together they write what the driver computes, /metrics sums them, SIGTERM stops both', async () => {
    const partitions = 4;
    const topics = { transactions: uniqueName('transactions'), features: uniqueName('features-threads') };
    await createTestTopics(kafka, { [topics.transactions]: partitions, [topics.features]: partitions });
    const generated = [...backfillTransactions({ seed: 8, count: 400, fromMs: 0, toMs: 40 * MINUTE_MS })];
    const raw = rawTransactionSerde();
    const producer = await connectTestProducer(kafka);
    await producer.send(
      topics.transactions,
      generated.map((value, n) => ({ value: raw.serialize(value), partition: n % partitions })),
    );
    await producer.disconnect();
    const describeRow = (key: unknown, value: unknown) => JSON.stringify({ key, value });
    // The driver reads the same partitions; without end of input it fires what the streaming watermark closes.
    const driver = createTestDriver(
      buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
      { partitions },
    );
    generated.forEach((value, n) => driver.pipe('read-transactions', null, value, 0, n % partitions));
    const expected = driver.output('write-features').map(({ key, value }) => describeRow(key, value));
    expect(expected.length).toBeGreaterThan(0);

    const run = startNode(bundleEntry(PROJECT), {
      KAFKA_BROKERS: testBrokers().join(','),
      CARD_TRANSACTIONS_FORMAT: 'raw',
      TRANSACTIONS_TOPIC: topics.transactions,
      FEATURES_TOPIC: topics.features,
      APPLICATION_ID: uniqueName('bundle-threads'),
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      STREAM_THREADS: '2',
    });
    let written: string[];
    try {
      written = (await readTopic(kafka, topics.features, expected.length, 90_000)).map(({ key, value }) =>
        describeRow(String(key), rawAggSerde().deserialize(value ?? Buffer.alloc(0))),
      );
      const port = logLines(run.stdout()).find((line) => line.port !== undefined)?.port ?? 0;
      const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const gauge = (text: string, name: string) => new RegExp(`^fp_${name}\\{[^}]*\\} (\\d+)$`, 'm').exec(text)?.[1];
      // Threads send their figures every second, so the sums settle within a few, rebalance included.
      // Two sub-topologies (read and re-key; the windows) of 4 partitions: 8 tasks, all running.
      await expect
        .poll(
          async () => {
            const text = await scrape();
            return [gauge(text, 'records_out_total'), gauge(text, 'assigned_tasks')];
          },
          { timeout: 15_000 },
        )
        .toEqual([String(expected.length), '8']);
    } finally {
      run.child.kill('SIGTERM');
    }
    const result = await run.exited;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(written.sort()).toEqual([...expected].sort());
    const lines = logLines(result.stdout) as (LogLine & { streamThread?: number; task?: string })[];
    const threadsWithTasks = new Set(
      lines.filter(({ msg }) => msg === 'task ready').map(({ streamThread }) => streamThread),
    );
    expect([...threadsWithTasks].sort()).toEqual([0, 1]);
    // Each thread ends with its own summary; the process's last line sums them.
    expect(
      lines.filter(({ msg, streamThread }) => msg === 'streaming run finished' && streamThread !== undefined),
    ).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({
      msg: 'streaming run finished',
      summary: { mode: 'streaming', recordsOut: expected.length, recordsIn: 2 * generated.length },
    });
    expect(lines.at(-1)).not.toHaveProperty('streamThread');
  });
});
