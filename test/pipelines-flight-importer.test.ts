import { loadConfig as loadDatagenConfig, runDatagen } from '@fp/datagen-cli';
import { buildTopology, loadConfig, runFlightImporterWorker } from '@fp/flight-importer-worker';
import { createSilentLogger } from '@fp/log';
import { createTestDriver } from '@fp/stream-runtime/testing';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { readTopic } from './support/read-topic';
import { awaitTopicLeaders, connectTestProducer } from './support/test-producer';

const FLIGHTS = 200;
/** The generators make flights departing -20..59 days around the record time: some arrived by then. */
const BACKFILL_TO_MS = Date.parse('2026-01-01T12:00:00Z');
const BACKFILL_FROM_MS = BACKFILL_TO_MS - 3_600_000;
const IMPORTER_NOW_MS = BACKFILL_TO_MS;

describe('flight importer pipeline (datagen-cli -> flight-importer-worker, bounded, real broker)', () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'pipelines-flights-'));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('writes to flightdata exactly what the test driver computes from the generated bookings', async () => {
    const topics = { skyone: uniqueName('skyone'), sunset: uniqueName('sunset'), flightdata: uniqueName('flightdata') };
    await createTestTopics(kafka, { [topics.skyone]: 5, [topics.sunset]: 5, [topics.flightdata]: 5 });
    const brokers = testBrokers().join(',');

    const datagen = loadDatagenConfig(
      { KAFKA_BROKERS: brokers, SKYONE_TOPIC: topics.skyone, SUNSET_TOPIC: topics.sunset, LOG_LEVEL: 'silent' },
      [
        'flights',
        '--backfill',
        '--count',
        String(FLIGHTS),
        '--from',
        String(BACKFILL_FROM_MS),
        '--to',
        String(BACKFILL_TO_MS),
        '--seed',
        '7',
      ],
      BACKFILL_TO_MS,
    );
    expect((await runDatagen(datagen, { log: createSilentLogger() })).records).toBe(FLIGHTS);

    const config = loadConfig({
      KAFKA_BROKERS: brokers,
      SKYONE_TOPIC: topics.skyone,
      SUNSET_TOPIC: topics.sunset,
      FLIGHTDATA_TOPIC: topics.flightdata,
      APPLICATION_ID: uniqueName('flight-importer'),
      STATE_DIR: stateDir,
      MODE: 'bounded',
      HTTP_PORT: '0',
    });
    const worker = await runFlightImporterWorker(config, { log: createSilentLogger(), now: () => IMPORTER_NOW_MS });
    expect(worker.mode).toBe('bounded');
    const summary = await worker.done;

    // The expected output: the same input records, read back, through the test driver.
    const driver = createTestDriver(
      buildTopology(config, () => IMPORTER_NOW_MS),
      { partitions: 5 },
    );
    for (const topic of [topics.skyone, topics.sunset]) {
      for (const record of await readTopic(kafka, topic, FLIGHTS / 2)) {
        driver.pipeBytes(topic, record.key, record.value, 0, record.partition);
      }
    }
    const expected = driver.output(topics.flightdata).map(({ key, value }) => JSON.stringify({ key, value }));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(FLIGHTS); // some flights had arrived: the filter did something

    const written = await readTopic(kafka, topics.flightdata, expected.length);
    const actual = written.map(({ key, value }) =>
      JSON.stringify({ key: JSON.parse(String(key)) as unknown, value: JSON.parse(String(value)) as unknown }),
    );
    expect(actual.sort()).toEqual([...expected].sort());
    expect(summary).toMatchObject({
      mode: 'bounded',
      recordsIn: FLIGHTS,
      recordsOut: expected.length,
      deadLetteredRecords: 0,
    });
  });
});

describe('datagen-cli --create on a real broker', () => {
  it('deletes the four flight topics and creates them again, empty, with 5 partitions each', async () => {
    const kafka = testKafkaClient();
    const topics = {
      SKYONE_TOPIC: uniqueName('skyone'),
      SUNSET_TOPIC: uniqueName('sunset'),
      FLIGHTDATA_TOPIC: uniqueName('flightdata'),
      USERSTATISTICS_TOPIC: uniqueName('userstatistics'),
    };
    // skyone exists with the wrong partition count and a record; the others do not exist yet.
    await createTestTopics(kafka, { [topics.SKYONE_TOPIC]: 2 });
    const producer = await connectTestProducer(kafka);
    await producer.send(topics.SKYONE_TOPIC, [{ value: 'old' }]);
    await producer.disconnect();

    const config = loadDatagenConfig(
      { KAFKA_BROKERS: testBrokers().join(','), ...topics },
      ['flights', '--create', '--count', '0'],
      BACKFILL_TO_MS,
    );
    expect((await runDatagen(config, { log: createSilentLogger() })).records).toBe(0);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics: Object.values(topics) });
      expect(described.map(({ partitions }) => partitions.length)).toEqual([5, 5, 5, 5]);
      // The topic was re-created a moment ago: its offsets are served once it has a leader again.
      await awaitTopicLeaders(admin, topics.SKYONE_TOPIC);
      const offsets = await admin.fetchTopicOffsets(topics.SKYONE_TOPIC);
      expect(offsets.every(({ high }) => high === '0')).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });
});
