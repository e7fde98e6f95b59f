import { runCardFeaturesWorker, loadConfig as loadCardConfig } from '@fp/card-features-worker';
import { buildCardFeaturesTopology, cardFeaturesView, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import { backfillFromFiles, startFeatureArchiver } from '@fp/feature-archiving';
import { plainRowSerde } from '@fp/feature-views';
import { createSilentLogger } from '@fp/log';
import { openOfflineStore, writeTableFile } from '@fp/offline-store';
import { backfillTransactions } from '@fp/transaction-datagen';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { comparableArchivedRows, produceTransactionsThenSentinels } from './support/card-backfill';
import { waitForAsync } from './support/wait-for';

const PARTITIONS = 3;
const FROM_MS = Date.UTC(2026, 0, 1, 23, 0);
const HOUR_MS = 3_600_000;
/** Past the last window's end plus the 60 s out-of-orderness: one per partition moves every watermark past it. */
const SENTINEL_MS = FROM_MS + 2 * HOUR_MS;

describe('offline store: a backfill from files equals the streaming run over the same records', () => {
  let kafka: Kafka;
  let root: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    root = await mkdtemp(join(tmpdir(), 'offline-backfill-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('archives the same feature rows from Kafka (card worker streaming + archiver) and from a Parquet file', async () => {
    const transactions = [
      ...backfillTransactions({ seed: 11, count: 3_000, fromMs: FROM_MS, toMs: FROM_MS + HOUR_MS }),
    ];
    const topics = { transactions: uniqueName('transactions'), features: uniqueName('features') };
    await createTestTopics(kafka, { [topics.transactions]: PARTITIONS, [topics.features]: PARTITIONS });
    const serde = rawTransactionSerde();
    await produceTransactionsThenSentinels(kafka, topics.transactions, transactions, {
      serde,
      partitions: PARTITIONS,
      sentinelMs: SENTINEL_MS,
    });

    // The file backfill: the same records (without the sentinels, which only move the watermarks).
    await writeTableFile(join(root, 'history.parquet'), transactions);
    const fileStore = await openOfflineStore({ root: join(root, 'from-files') });
    const kafkaStore = await openOfflineStore({ root: join(root, 'from-kafka') });
    const log = createSilentLogger();
    const worker = await runCardFeaturesWorker(
      loadCardConfig({
        KAFKA_BROKERS: testBrokers().join(','),
        MODE: 'streaming',
        CARD_TRANSACTIONS_FORMAT: 'raw',
        TRANSACTIONS_TOPIC: topics.transactions,
        FEATURES_TOPIC: topics.features,
        APPLICATION_ID: uniqueName('card-streaming'),
        STATE_DIR: join(root, 'state'),
        HTTP_PORT: '0',
      }),
      { log },
    );
    const archiver = await startFeatureArchiver({
      connection: { brokers: testBrokers(), clientId: uniqueName('archiver') },
      groupId: uniqueName('archiver'),
      topics: [{ view: cardFeaturesView, topic: topics.features, serde: plainRowSerde(cardFeaturesView) }],
      store: kafkaStore,
      flushRows: 2_000,
      flushIntervalMs: 500,
      onBadRecord: 'fail',
      log,
    });
    try {
      const summary = await backfillFromFiles({
        store: fileStore,
        topology: buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
        view: cardFeaturesView,
        outputTopic: cardFeaturesView.topic,
        inputs: { 'read-transactions': { file: join(root, 'history.parquet'), timestampColumn: 'datetime' } },
        partitions: PARTITIONS,
      });
      const fromFiles = await fileStore.readRows(cardFeaturesView);
      expect(fromFiles).toHaveLength(summary.rowsArchived);
      expect(fromFiles.length).toBeGreaterThan(transactions.length);

      await waitForAsync(
        async () => (await kafkaStore.readRows(cardFeaturesView)).length >= fromFiles.length,
        'the streaming rows',
        180_000,
      );
      const fromKafka = (await kafkaStore.readRows(cardFeaturesView)).filter((row) => row.row.cc_num >= 0);
      expect(comparableArchivedRows(fromKafka)).toEqual(comparableArchivedRows(fromFiles));
    } finally {
      await archiver.stop();
      await worker.stop();
      fileStore.close();
      kafkaStore.close();
    }
  }, 300_000);
});
