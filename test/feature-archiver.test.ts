import { cardFeaturesView, rawAggSerde, type TransactionAgg } from '@fp/card-transactions';
import { openOfflineStore } from '@fp/offline-store';
import type { Kafka } from 'kafkajs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, bundleEntry, logLines, startNode, type NodeRun } from './support/bundle';
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { connectTestProducer } from './support/test-producer';

const PROJECT = 'feature-archiver-pipeline';
const PARTITIONS = 3;
const ROWS_PER_ROUND = 6_000;
const MINUTE_MS = 60_000;
const T0 = Date.UTC(2026, 0, 1, 23, 0);

/** Feature rows of 50 cards, a minute apart per card, so their availability crosses midnight (two date partitions). */
function featureRows(from: number, count: number): TransactionAgg[] {
  return Array.from({ length: count }, (_, index) => {
    const n = from + index;
    const windowEnd = T0 + Math.floor(n / 50) * MINUTE_MS;
    return {
      cc_num: n % 50,
      num_trans_per_10m: n,
      avg_amt_per_10m: n / 4,
      stdev_amt_per_10m: 0,
      window_start: windowEnd - 10 * MINUTE_MS,
      window_end: windowEnd,
    };
  });
}

async function countPartFiles(root: string): Promise<number> {
  const viewDir = join(root, `view=${cardFeaturesView.name}`);
  const dates = await readdir(viewDir).catch(() => []);
  let files = 0;
  for (const date of dates)
    files += (await readdir(join(viewDir, date))).filter((name) => name.endsWith('.parquet')).length;
  return files;
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe(`${PROJECT} bundle`, () => {
  let kafka: Kafka;
  let root: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    root = await mkdtemp(join(tmpdir(), 'feature-archiver-'));
    buildBundle(PROJECT);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('runs with plain node and archives every row exactly once across kill -9 at any moment', async () => {
    const topic = uniqueName('card-features');
    await createTestTopics(kafka, { [topic]: PARTITIONS });
    const serde = rawAggSerde();
    const producer = await connectTestProducer(kafka);
    const produce = (rows: TransactionAgg[]) =>
      producer.send(
        topic,
        rows.map((row) => ({ key: String(row.cc_num), value: serde.serialize(row) })),
      );
    const env = {
      KAFKA_BROKERS: testBrokers().join(','),
      SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
      FEATURE_VIEWS: cardFeaturesView.name,
      FEATURE_TOPICS: topic,
      FEATURE_ROWS_FORMAT: 'raw',
      OFFLINE_STORE_DIR: root,
      ARCHIVER_GROUP_ID: uniqueName('archiver'),
      // Small appends, so the kills land between and inside many of them.
      ARCHIVE_FLUSH_ROWS: '300',
      ARCHIVE_FLUSH_INTERVAL_MS: '200',
      HTTP_PORT: '0',
    };
    const produced = [...featureRows(0, ROWS_PER_ROUND)];
    await produce(produced);

    // Three archivers killed with SIGKILL once they have written some files, each time with more rows arriving.
    let run: NodeRun | undefined;
    for (let round = 1; round <= 3; round++) {
      const filesBefore = await countPartFiles(root);
      run = startNode(bundleEntry(PROJECT), env);
      await waitUntil(async () => (await countPartFiles(root)) >= filesBefore + 3, `round ${round} to write files`);
      run.child.kill('SIGKILL');
      await run.exited;
      const more = featureRows(produced.length, ROWS_PER_ROUND);
      await produce(more);
      produced.push(...more);
    }
    await producer.disconnect();

    // The last archiver runs until every row is in, then stops cleanly.
    run = startNode(bundleEntry(PROJECT), env);
    const store = await openOfflineStore({ root });
    try {
      await waitUntil(async () => (await store.readRows(cardFeaturesView)).length >= produced.length, 'every row');
      run.child.kill('SIGTERM');
      const exit = await run.exited;
      expect(exit.stderr).toBe('');
      expect(exit.code).toBe(0);
      expect(logLines(exit.stdout).at(-1)).toMatchObject({ msg: 'stopped' });

      const archived = await store.readRows(cardFeaturesView);
      // Exactly once: every (partition, offset) once, and each row exactly the one produced.
      const coordinates = archived.map((row) => `${row.partition}/${row.offset}`);
      expect(new Set(coordinates).size).toBe(archived.length);
      expect(archived).toHaveLength(produced.length);
      const byCount = (rows: readonly TransactionAgg[]) =>
        [...rows].sort((a, b) => a.num_trans_per_10m - b.num_trans_per_10m);
      expect(byCount(archived.map((row) => row.row))).toEqual(byCount(produced));
      for (let partition = 0; partition < PARTITIONS; partition++) {
        const offsets = archived
          .filter((row) => row.partition === partition)
          .map((row) => Number(row.offset))
          .sort((a, b) => a - b);
        expect(offsets, `partition ${partition}`).toEqual(offsets.map((_, index) => index));
      }
      for (const row of archived) {
        expect(row.availableAtMs).toBe(row.row.window_end! + 60_000);
        expect(row.entityKey).toBe(String(row.row.cc_num));
      }
      // Availability crossed midnight: rows sit in the partition of the day they became available.
      const dates = await readdir(join(root, `view=${cardFeaturesView.name}`));
      expect(dates.sort()).toEqual(['date=2026-01-01', 'date=2026-01-02']);
    } finally {
      store.close();
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  }, 300_000);
});
