import { transactionAggAvroSchema, type TransactionAgg } from '@fp/card-transactions';
import { createFeatureClient, type FeatureClient } from '@fp/feature-client';
import { loadConfig, startFeatureServer, type FeatureServer } from '@fp/feature-server-worker';
import { createSilentLogger } from '@fp/log';
import { createSchemaRegistry, registryAvroSerde, type RegistryAvroSerde } from '@fp/schema-registry';
import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';

const MINUTE_MS = 60_000;
const PARTITIONS = 3;
const CARDS = 300;
const VIEW = 'card_transactions_10m_agg';

type Views = { [VIEW]: TransactionAgg };

function agg(ccNum: number, windowEndMs: number, count = 1): TransactionAgg {
  return {
    cc_num: ccNum,
    num_trans_per_10m: count,
    avg_amt_per_10m: ccNum / 10,
    stdev_amt_per_10m: 0.5,
    window_start: windowEndMs - 10 * MINUTE_MS,
    window_end: windowEndMs,
  };
}

/** The value of one Prometheus series in `/metrics` text, or undefined. */
function series(metrics: string, name: string, labels: string): number | undefined {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('feature server on the real broker and registry', () => {
  let kafka: Kafka;
  let topic: string;
  let stateDir: string;
  let serde: RegistryAvroSerde<TransactionAgg>;
  let server: FeatureServer | undefined;

  /** Produces rows to one partition in order (idempotent producer): offsets follow the order given. */
  async function produce(partition: number, values: (TransactionAgg | Buffer)[]): Promise<void> {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: values.map((value) =>
          Buffer.isBuffer(value)
            ? { partition, value }
            : {
                partition,
                key: String(value.cc_num),
                value: serde.serialize(value),
                timestamp: String((value.window_end ?? 0) - 1),
              },
        ),
      });
    } finally {
      await producer.disconnect();
    }
  }

  const start = async (): Promise<{ server: FeatureServer; client: FeatureClient<Views>; url: string }> => {
    const config = loadConfig({
      KAFKA_BROKERS: testBrokers().join(','),
      SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
      FEATURE_VIEWS: VIEW,
      CARD_TRANSACTIONS_10M_AGG_TOPIC: topic,
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      HOST: '127.0.0.1',
      COMMIT_INTERVAL_MS: '200',
      LOG_LEVEL: 'silent',
    });
    server = await startFeatureServer(config, { log: createSilentLogger() });
    const url = `http://127.0.0.1:${server.port}`;
    return { server, client: createFeatureClient<Views>({ baseUrl: url, timeoutMs: 10_000 }), url };
  };
  const metricsOf = async (url: string) => (await fetch(`${url}/metrics`)).text();

  beforeAll(async () => {
    kafka = testKafkaClient();
    topic = uniqueName('card-features');
    stateDir = await mkdtemp(join(tmpdir(), 'feature-server-'));
    await createTestTopics(kafka, { [topic]: PARTITIONS });
    serde = await registryAvroSerde<TransactionAgg>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: transactionAggAvroSchema,
    });
    // Per partition p: the cards c with c % 3 == p, first their 20-minute window, then their 21-minute one.
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const cards = Array.from({ length: CARDS }, (_, i) => i + 1).filter((card) => card % PARTITIONS === partition);
      await produce(partition, [
        ...cards.map((card) => agg(card, 20 * MINUTE_MS, 1)),
        ...cards.map((card) => agg(card, 21 * MINUTE_MS, 2)),
      ]);
    }
    // Card 42 (partition 0) gets an older window re-emitted last; partition 1 a record that is not Avro.
    await produce(0, [agg(42, 15 * MINUTE_MS, 9)]);
    await produce(1, [Buffer.from('not a Confluent Avro record')]);
  });

  afterAll(async () => {
    await server?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('materialises every partition, is ready once caught up, and serves the latest row per card', async () => {
    const { server: running, client, url } = await start();
    await running.caughtUp;
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, lag_records: 0 });

    // Partition 0 holds cards 3, 6, ..., 300: card 42 is the 14th, so its 21-minute row is at 100 + 13.
    const card42 = await client.getOnlineFeatures(VIEW, 42);
    expect(card42).toEqual({
      key: '42',
      row: agg(42, 21 * MINUTE_MS, 2),
      asOf: {
        partition: 0,
        offset: '113',
        eventTimeMs: 21 * MINUTE_MS - 1,
        availableAtMs: 22 * MINUTE_MS,
        writtenAtMs: expect.any(Number),
        freshnessMs: expect.any(Number),
      },
    });
    expect(await client.getOnlineFeatures(VIEW, 301)).toBeNull();

    const keys = Array.from({ length: 1_000 }, (_, i) => String(1_000 - i));
    const rows = await client.lookup(VIEW, keys);
    expect(rows.map((entry) => entry?.key ?? null)).toEqual(keys.map((key) => (Number(key) <= CARDS ? key : null)));
    expect(rows.filter((entry) => entry !== null).every((entry) => entry?.row.window_end === 21 * MINUTE_MS)).toBe(
      true,
    );

    const metrics = await metricsOf(url);
    expect(series(metrics, 'fp_feature_view_rows_read_total', `view="${VIEW}"`)).toBe(2 * CARDS + 1);
    expect(series(metrics, 'fp_feature_view_bad_records_total', `view="${VIEW}"`)).toBe(1);
    for (let partition = 0; partition < PARTITIONS; partition++) {
      expect(series(metrics, 'fp_feature_view_lag_records', `view="${VIEW}",partition="${partition}"`)).toBe(0);
    }
  });

  it('follows the topic once ready: a new row is served soon after it is written', async () => {
    const client = createFeatureClient<Views>({ baseUrl: `http://127.0.0.1:${server?.port}` });
    await produce(1, [agg(7, 22 * MINUTE_MS, 5)]);
    // Readiness is about the end offsets seen at start: later records never make it unready.
    expect((await fetch(`http://127.0.0.1:${server?.port}/readyz`)).status).toBe(200);
    await expect
      .poll(async () => (await client.getOnlineFeatures(VIEW, 7))?.row.num_trans_per_10m, { timeout: 30_000 })
      .toBe(5);
  });

  it('answers malformed requests with 400 and unknown views with 404, through HTTP and the client', async () => {
    const url = `http://127.0.0.1:${server?.port}`;
    const post = (body: string) =>
      fetch(`${url}/views/${VIEW}/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const tooMany = await post(JSON.stringify({ keys: Array.from({ length: 1_001 }, (_, i) => String(i)) }));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ message: expect.stringContaining('1000') });
    expect((await post('{"keys": [')).status).toBe(400);
    expect((await post(JSON.stringify({ keys: [{ cc_num: 1 }] }))).status).toBe(400);
    const unknownView = await fetch(`${url}/views/flights/entities/1`);
    expect(unknownView.status).toBe(404);
    expect(await unknownView.json()).toMatchObject({ code: 'UNKNOWN_VIEW' });

    const client = createFeatureClient<Record<string, unknown>>({ baseUrl: url });
    await expect(client.getOnlineFeatures('flights', 1)).rejects.toMatchObject({ code: 'FEATURE_CLIENT_UNKNOWN_VIEW' });
    await expect(client.lookup(VIEW, ['1', ''])).rejects.toMatchObject({ code: 'FEATURE_CLIENT_BAD_REQUEST' });
  });

  it('restarts on its state directory: keeps every row and reads only the records written since', async () => {
    await server?.stop();
    await server?.done;
    await produce(
      2,
      [1_001, 1_004, 1_007].map((card) => agg(card, 21 * MINUTE_MS, 3)),
    );

    const { server: restarted, client, url } = await start();
    await restarted.caughtUp;
    const metrics = await metricsOf(url);
    // Nothing before the stop is read again: only the three new records.
    expect(series(metrics, 'fp_feature_view_rows_read_total', `view="${VIEW}"`)).toBe(3);
    expect(series(metrics, 'fp_feature_view_bad_records_total', `view="${VIEW}"`)).toBe(0);
    expect((await client.getOnlineFeatures(VIEW, 42))?.asOf.offset).toBe('113');
    expect((await client.getOnlineFeatures(VIEW, 7))?.row.num_trans_per_10m).toBe(5);
    expect((await client.lookup(VIEW, [1_004, 1_005])).map((entry) => entry?.row.cc_num ?? null)).toEqual([
      1_004,
      null,
    ]);
  });
});
