import { buildTopology, createCardSerdes, loadConfig, runCardFeaturesWorker } from '@fp/card-features-worker';
import { loadConfig as loadDatagenConfig, runDatagen } from '@fp/datagen-cli';
import { createSilentLogger } from '@fp/log';
import { createSchemaRegistry } from '@fp/schema-registry';
import { createTestDriver } from '@fp/stream-runtime/testing';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { readTopic } from './support/read-topic';
import { connectTestProducer } from './support/test-producer';

const TRANSACTIONS = 600;
const TO_MS = Date.parse('2026-01-01T12:30:00Z');
const FROM_MS = TO_MS - 30 * 60_000;

describe('card features pipeline (datagen-cli -> card-features-worker, Confluent Avro, bounded, real broker)', () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'pipelines-cards-'));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it.each(['confluent', 'raw'] as const)(
    '%s: writes the features the test driver computes and dead-letters an unreadable record',
    async (format) => {
      const topics = {
        transactions: uniqueName('transactions'),
        features: uniqueName('features'),
        dlq: uniqueName('dlq'),
      };
      await createTestTopics(kafka, { [topics.transactions]: 3, [topics.features]: 3, [topics.dlq]: 1 });
      const env = {
        KAFKA_BROKERS: testBrokers().join(','),
        SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
        TRANSACTIONS_TOPIC: topics.transactions,
        LOG_LEVEL: 'silent',
      };
      const datagen = loadDatagenConfig(
        env,
        [
          'transactions',
          '--backfill',
          '--count',
          String(TRANSACTIONS),
          '--from',
          String(FROM_MS),
          '--to',
          String(TO_MS),
          '--format',
          format,
        ],
        TO_MS,
      );
      await runDatagen(datagen, { log: createSilentLogger() });
      const producer = await connectTestProducer(kafka);
      await producer.send(topics.transactions, [{ value: Buffer.from([0xff, 0x00]) }]);
      await producer.disconnect();

      const config = loadConfig({
        ...env,
        FEATURES_TOPIC: topics.features,
        DEAD_LETTER_TOPIC: topics.dlq,
        CARD_TRANSACTIONS_FORMAT: format,
        APPLICATION_ID: uniqueName('card-features'),
        STATE_DIR: stateDir,
        MODE: 'bounded',
        HTTP_PORT: '0',
      });
      const summary = await (await runCardFeaturesWorker(config, { log: createSilentLogger() })).done;

      const serdes = await createCardSerdes(config, () => createSchemaRegistry({ url: testSchemaRegistryUrl() }));
      const driver = createTestDriver(buildTopology(config, serdes), { partitions: 3 });
      for (const record of await readTopic(kafka, topics.transactions, TRANSACTIONS + 1)) {
        driver.pipeBytes(topics.transactions, record.key, record.value, 0, record.partition);
      }
      driver.endInput();
      const describeRow = (key: unknown, value: unknown) => JSON.stringify({ key, value });
      const expected = driver.output(topics.features).map(({ key, value }) => describeRow(key, value));
      expect(expected.length).toBeGreaterThan(TRANSACTIONS); // every transaction is in 10 windows

      const written = await readTopic(kafka, topics.features, expected.length);
      const actual = written.map(({ key, value }) =>
        describeRow(String(key), serdes.aggSerde.deserialize(value ?? Buffer.alloc(0))),
      );
      expect(actual.sort()).toEqual([...expected].sort());
      expect(summary).toMatchObject({ recordsOut: expected.length, deadLetteredRecords: 1, lateRecords: 0 });
      const [deadLetter] = await readTopic(kafka, topics.dlq, 1);
      expect(deadLetter?.value).toEqual(Buffer.from([0xff, 0x00]));
    },
  );
});
