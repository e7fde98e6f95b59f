import { createSilentLogger } from '@fp/log';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { buildTopology, loadConfig, runUsageStatisticsWorker } from '@fp/usage-statistics-worker';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { readTopic, readTopicUntil } from './support/read-topic';
import { connectTestProducer } from './support/test-producer';

const MINUTE_MS = 60_000;
const EMAILS = ['AAAAA@email.com', 'BBBBB@email.com', 'CCCCC@email.com'];
const BASE_MS = Date.parse('2026-01-01T00:00:00Z');

function flightValue(n: number) {
  const departureMs = BASE_MS + n * 3_600_000;
  return {
    email_address: EMAILS[n % EMAILS.length] ?? '',
    departure_time: new Date(departureMs).toISOString(),
    departure_airport_code: 'ATL',
    arrival_time: new Date(departureMs + (10 + n) * MINUTE_MS).toISOString(),
    arrival_airport_code: 'DFW',
    flight_number: `SKY1${n}`,
    confirmation: `SKY1CONF${n}`,
    source: 'skyone',
  };
}

/** 60 flights over 10 minutes, durations 10..69 minutes, plus one that lands before it takes off. */
function flights() {
  const good = Array.from({ length: 60 }, (_, n) => ({ timestampMs: BASE_MS + n * 10_000, value: flightValue(n) }));
  const backwards = {
    timestampMs: BASE_MS + 5 * MINUTE_MS,
    value: { ...flightValue(0), confirmation: 'SKY1BACK', arrival_time: '2025-12-31T00:00:00.000Z' },
  };
  return { good, all: [...good, backwards] };
}

async function produceFlights(kafka: Kafka, topic: string, records: ReturnType<typeof flights>['all']) {
  const producer = await connectTestProducer(kafka);
  await producer.send(
    topic,
    records.map(({ timestampMs, value }) => ({
      key: JSON.stringify({ confirmation: value.confirmation }),
      value: JSON.stringify(value),
      timestamp: String(timestampMs),
    })),
  );
  await producer.disconnect();
}

const describeStat = (key: Buffer | null, value: Buffer | null) =>
  JSON.stringify({ key: JSON.parse(String(key)) as unknown, value: JSON.parse(String(value)) as unknown });

describe('usage statistics pipeline (usage-statistics-worker, real broker)', () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'pipelines-usage-'));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  function setUp(extra: Record<string, string> = {}) {
    const topics = {
      flightdata: uniqueName('flightdata'),
      userstatistics: uniqueName('userstatistics'),
      dlq: uniqueName('dlq'),
    };
    const config = loadConfig({
      KAFKA_BROKERS: testBrokers().join(','),
      FLIGHTDATA_TOPIC: topics.flightdata,
      USERSTATISTICS_TOPIC: topics.userstatistics,
      DEAD_LETTER_TOPIC: topics.dlq,
      APPLICATION_ID: uniqueName('usage-statistics'),
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      ...extra,
    });
    const driver = createTestDriver(buildTopology(config), { partitions: 5 });
    return { topics, config, driver };
  }

  it.each(['cumulative', 'windowed'])(
    'bounded, %s: writes what the test driver computes and dead-letters the flight that lands before it departs',
    async (mode) => {
      const { topics, config, driver } = setUp({ MODE: 'bounded', USAGE_STATISTICS_MODE: mode });
      await createTestTopics(kafka, { [topics.flightdata]: 5, [topics.userstatistics]: 5, [topics.dlq]: 1 });
      const { good, all } = flights();
      await produceFlights(kafka, topics.flightdata, all);

      const summary = await (await runUsageStatisticsWorker(config, { log: createSilentLogger() })).done;

      for (const { value, timestampMs } of good)
        driver.pipe(topics.flightdata, { confirmation: value.confirmation }, value, timestampMs);
      driver.endInput();
      const expected = driver.output(topics.userstatistics).map(({ key, value }) => JSON.stringify({ key, value }));
      const written = await readTopic(kafka, topics.userstatistics, expected.length);
      expect(written.map(({ key, value }) => describeStat(key, value)).sort()).toEqual([...expected].sort());
      expect(summary).toMatchObject({ recordsOut: expected.length, deadLetteredRecords: 1 });

      const [deadLetter] = await readTopic(kafka, topics.dlq, 1);
      expect(String(deadLetter?.headers['fp-error-code'])).toMatch(
        /USAGE_STATISTICS_NEGATIVE_DURATION|DESERIALIZATION/,
      );
      expect(String(deadLetter?.headers['fp-step'])).toBe('to-user-statistics');
    },
  );

  it('streaming: becomes ready, serves metrics, writes the running totals and stops with a final checkpoint', async () => {
    const { topics, config, driver } = setUp({ MODE: 'streaming', COMMIT_INTERVAL_MS: '500' });
    await createTestTopics(kafka, { [topics.flightdata]: 5, [topics.userstatistics]: 5, [topics.dlq]: 1 });
    const { good, all } = flights();
    await produceFlights(kafka, topics.flightdata, all);
    // The last window fires when the watermark passes it: a later flight pushes it on.
    const closer = { timestampMs: BASE_MS + 30 * MINUTE_MS, value: { ...flightValue(1), confirmation: 'SKY1LATER' } };
    await produceFlights(kafka, topics.flightdata, [closer]);

    const worker = await runUsageStatisticsWorker(config, { log: createSilentLogger() });
    const ops = `http://127.0.0.1:${worker.opsPort}`;
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);

    for (const { value, timestampMs } of [...good, closer]) {
      driver.pipe(topics.flightdata, { confirmation: value.confirmation }, value, timestampMs);
    }
    // What has fired by the closer's watermark (no endInput: the streaming run does not end its input).
    const expected = driver.output(topics.userstatistics).map(({ key, value }) => JSON.stringify({ key, value }));
    expect(expected.length).toBeGreaterThan(0);
    const written = await readTopicUntil(kafka, topics.userstatistics, (records) => {
      const seen = new Set(records.map(({ key, value }) => describeStat(key, value)));
      return expected.every((record) => seen.has(record));
    });
    expect(written.length).toBeGreaterThanOrEqual(expected.length);

    await expect.poll(async () => (await fetch(`${ops}/readyz`)).status, { timeout: 30_000 }).toBe(200);
    const metrics = await (await fetch(`${ops}/metrics`)).text();
    // Every task counts its input, repartition topics included: at least the 62 flights.
    const recordsIn = Number(/^fp_records_in_total\{[^}]*\} (\d+)$/m.exec(metrics)?.[1]);
    expect(recordsIn).toBeGreaterThanOrEqual(62);
    expect(metrics).toMatch(/^fp_dead_lettered_records_total\{application="[^"]+"\} 1$/m);
    expect(metrics).toContain('fp_consumer_lag_records{topic=');

    const summary = await worker.stop();
    expect(summary).toMatchObject({ mode: 'streaming', deadLetteredRecords: 1, lateRecords: 0 });
    expect(summary.recordsIn).toBeGreaterThanOrEqual(recordsIn);
    await expect(fetch(`${ops}/healthz`)).rejects.toThrow();
  });
});
