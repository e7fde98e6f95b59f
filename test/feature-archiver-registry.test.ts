import { loadConfig as loadCardConfig, runCardFeaturesWorker } from '@fp/card-features-worker';
import {
  buildCardFeaturesTopology,
  cardFeaturesView,
  rawAggSerde,
  rawTransactionSerde,
  sourceTransactionAvroSchema,
  type SourceTransaction,
} from '@fp/card-transactions';
import { backfillFromFiles } from '@fp/feature-archiving';
import { loadConfig as loadArchiverConfig, runFeatureArchiverWorker } from '@fp/feature-archiver-worker';
import { createSilentLogger } from '@fp/log';
import { openOfflineStore, writeTableFile } from '@fp/offline-store';
import { createSchemaRegistry, registryAvroSerde } from '@fp/schema-registry';
import { backfillTransactions } from '@fp/transaction-datagen';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { comparableArchivedRows, produceTransactionsThenSentinels } from './support/card-backfill';
import { waitForAsync } from './support/wait-for';

const PARTITIONS = 3;
const FROM_MS = Date.UTC(2026, 0, 1, 23, 0);
const HOUR_MS = 3_600_000;
/** Past the last window's end plus the 60 s out-of-orderness: one per partition moves every watermark past it. */
const SENTINEL_MS = FROM_MS + 2 * HOUR_MS;

describe('feature archiver: registry-framed (Confluent) Avro rows, as the card-features worker writes them by default', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'archiver-registry-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('archives every row the worker wrote, equal to a backfill over the same transactions', async () => {
    const kafka = testKafkaClient();
    const transactions = [
      ...backfillTransactions({ seed: 23, count: 2_000, fromMs: FROM_MS, toMs: FROM_MS + HOUR_MS }),
    ];
    const topics = { transactions: uniqueName('transactions'), features: uniqueName('features') };
    await createTestTopics(kafka, { [topics.transactions]: PARTITIONS, [topics.features]: PARTITIONS });
    // The transactions framed as the simulator writes them: the worker's confluent format reads both sides so.
    const serde = await registryAvroSerde<SourceTransaction>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic: topics.transactions,
      readerSchema: sourceTransactionAvroSchema,
    });
    await produceTransactionsThenSentinels(kafka, topics.transactions, transactions, {
      serde,
      partitions: PARTITIONS,
      sentinelMs: SENTINEL_MS,
    });

    const log = createSilentLogger();
    const brokers = testBrokers().join(',');
    // Defaults throughout: confluent format, schemas registered by the worker, read back by the archiver.
    const worker = await runCardFeaturesWorker(
      loadCardConfig({
        KAFKA_BROKERS: brokers,
        SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
        MODE: 'streaming',
        TRANSACTIONS_TOPIC: topics.transactions,
        FEATURES_TOPIC: topics.features,
        APPLICATION_ID: uniqueName('card-confluent'),
        STATE_DIR: join(root, 'state'),
        HTTP_PORT: '0',
      }),
      { log },
    );
    const storeRoot = join(root, 'from-kafka');
    const archiver = await runFeatureArchiverWorker(
      loadArchiverConfig({
        KAFKA_BROKERS: brokers,
        SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
        FEATURE_VIEWS: cardFeaturesView.name,
        FEATURE_TOPICS: topics.features,
        OFFLINE_STORE_DIR: storeRoot,
        ARCHIVER_GROUP_ID: uniqueName('archiver'),
        ARCHIVE_FLUSH_ROWS: '2000',
        ARCHIVE_FLUSH_INTERVAL_MS: '500',
        ON_BAD_RECORD: 'fail',
        HTTP_PORT: '0',
      }),
      { log },
    );
    const fileStore = await openOfflineStore({ root: join(root, 'from-files') });
    const kafkaStore = await openOfflineStore({ root: storeRoot });
    try {
      await writeTableFile(join(root, 'history.parquet'), transactions);
      await backfillFromFiles({
        store: fileStore,
        topology: buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
        view: cardFeaturesView,
        inputs: { 'read-transactions': { file: join(root, 'history.parquet'), timestampColumn: 'datetime' } },
        partitions: PARTITIONS,
      });
      const fromFiles = await fileStore.readRows(cardFeaturesView);
      expect(fromFiles.length).toBeGreaterThan(transactions.length);

      await waitForAsync(
        async () => (await kafkaStore.readRows(cardFeaturesView)).length >= fromFiles.length,
        'the streaming rows in the store',
        180_000,
      );
      const archived = await kafkaStore.readRows(cardFeaturesView);
      const fromKafka = archived.filter((row) => row.row.cc_num >= 0);
      expect(comparableArchivedRows(fromKafka)).toEqual(comparableArchivedRows(fromFiles));
      // Each Kafka record once, none skipped or dead-lettered.
      expect(new Set(archived.map((row) => `${row.partition}/${row.offset}`)).size).toBe(archived.length);
      expect(archiver.archiver.counts()).toMatchObject({ skipped: 0, deadLettered: 0 });
    } finally {
      await archiver.stop();
      await archiver.done;
      await worker.stop();
      fileStore.close();
      kafkaStore.close();
    }
  }, 300_000);
});
