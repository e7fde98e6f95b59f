import { buildTopology, createCardSerdes, loadConfig } from '@fp/card-features-worker';
import { loadConfig as loadDatagenConfig, runDatagen } from '@fp/datagen-cli';
import { createFlightGenerator } from '@fp/flight-datagen';
import { flightDataKeySerde, flightRefKeySerde, skyOneToFlightData, sunsetToFlightData } from '@fp/flights';
import { createSilentLogger } from '@fp/log';
import { createSchemaRegistry } from '@fp/schema-registry';
import { createTestDriver } from '@fp/stream-runtime/testing';
import type { Kafka } from 'kafkajs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from '../support/kafka';
import { freeLocalPort } from '../support/free-port';
import { readTopic, readTopicUntil, type ReadRecord } from '../support/read-topic';
import { podman, removeAll, runContainer, stopContainer } from './podman';

/**
 * The projects' images (tools/containers/test-containers.sh builds them) run with podman against
 * the native broker and registry: what an operator's container runtime does with them.
 */
const IMAGE_PREFIX = process.env['FP_IMAGE_PREFIX'] ?? 'localhost/feature-pipelines/';
const STATE_PATH = '/var/lib/fp-state';
/** Longer than the workers' SHUTDOWN_TIMEOUT_MS (25 s), as compose's stop_grace_period. */
const STOP_GRACE_SECONDS = 40;
const MINUTE_MS = 60_000;
/** Transactions before the restart end mid-window, so windows open at the restart need the state. */
const CARDS_FROM_MS = Date.parse('2026-01-01T12:00:00Z');
const CARDS_RESTART_MS = CARDS_FROM_MS + 15 * MINUTE_MS + 30_000;
const CARDS_TO_MS = CARDS_RESTART_MS + 20 * MINUTE_MS;

async function readyStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
  } catch {
    return 0; // not listening yet
  }
}

/** Every file under `dir`, with its owner's uid. */
async function filesUnder(dir: string): Promise<{ path: string; uid: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, uid: (await stat(path)).uid })));
}

describe('pipeline images run with podman against the native broker', () => {
  let kafka: Kafka;
  const containers: string[] = [];
  const volumes: string[] = [];

  beforeAll(() => {
    kafka = testKafkaClient();
  });

  afterAll(async () => {
    await removeAll(containers, volumes);
  });

  /** Starts a container and waits for its /readyz; returns the ops port. */
  async function startReady(
    project: string,
    name: string,
    env: Record<string, string>,
    volume?: string,
  ): Promise<number> {
    const port = await freeLocalPort();
    containers.push(name);
    await runContainer({
      image: `${IMAGE_PREFIX}${project}`,
      name,
      env: { ...env, KAFKA_BROKERS: testBrokers().join(','), MODE: 'streaming', HTTP_PORT: String(port) },
      ...(volume === undefined ? {} : { volume: { name: volume, path: STATE_PATH } }),
    });
    await expect
      .poll(() => readyStatus(port), { timeout: 120_000, interval: 500, message: `${name} /readyz` })
      .toBe(200);
    return port;
  }

  it('flight-importer-pipeline: becomes ready, writes the future flights, runs as non-root and exits 0 on SIGTERM', async () => {
    const topics = { skyone: uniqueName('skyone'), sunset: uniqueName('sunset'), flightdata: uniqueName('flightdata') };
    await createTestTopics(kafka, { [topics.skyone]: 3, [topics.sunset]: 3, [topics.flightdata]: 3 });
    // Flights as of 2090 all arrive after the container's wall clock, so the importer keeps them all.
    const generator = createFlightGenerator({ seed: 21, now: () => Date.parse('2090-01-01T00:00:00Z') });
    const skyone = Array.from({ length: 10 }, () => generator.nextSkyOne());
    const sunset = Array.from({ length: 10 }, () => generator.nextSunset());
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.sendBatch({
      topicMessages: [
        { topic: topics.skyone, records: skyone },
        { topic: topics.sunset, records: sunset },
      ].map(({ topic, records }) => ({
        topic,
        messages: records.map(({ key, value }) => ({
          key: flightRefKeySerde.serialize(key),
          value: JSON.stringify(value),
        })),
      })),
    });
    await producer.disconnect();

    const name = uniqueName('flight-importer');
    await startReady('flight-importer-pipeline', name, {
      APPLICATION_ID: uniqueName('flight-importer'),
      SKYONE_TOPIC: topics.skyone,
      SUNSET_TOPIC: topics.sunset,
      FLIGHTDATA_TOPIC: topics.flightdata,
      DEAD_LETTER_TOPIC: uniqueName('flight-importer-dlq'),
    });
    const expected = [
      ...skyone.map(({ value }) => skyOneToFlightData(value)),
      ...sunset.map(({ value }) => sunsetToFlightData(value)),
    ]
      .map((flight) => JSON.stringify({ key: { confirmation: flight.confirmation }, value: flight }))
      .sort();
    const written = await readTopicUntil(kafka, topics.flightdata, (records) => records.length >= expected.length);
    const distinct = new Set(
      written.map(({ key, value }) =>
        JSON.stringify({
          key: flightDataKeySerde.deserialize(key ?? Buffer.alloc(0)),
          value: JSON.parse(String(value)),
        }),
      ),
    );
    expect([...distinct].sort()).toEqual(expected);

    expect(await podman('exec', name, 'node', '-p', 'process.getuid()')).toBe('1000');
    expect(await stopContainer(name, STOP_GRACE_SECONDS)).toBe(0);
  });

  it('card-features-pipeline: becomes ready, writes features, exits 0 on SIGTERM, and a new container finds the state on the volume', async () => {
    const topics = {
      transactions: uniqueName('transactions'),
      features: uniqueName('features'),
      dlq: uniqueName('card-dlq'),
    };
    await createTestTopics(kafka, { [topics.transactions]: 3, [topics.features]: 3, [topics.dlq]: 1 });
    const env = {
      SCHEMA_REGISTRY_URL: testSchemaRegistryUrl(),
      TRANSACTIONS_TOPIC: topics.transactions,
      FEATURES_TOPIC: topics.features,
      DEAD_LETTER_TOPIC: topics.dlq,
      CARD_TRANSACTIONS_FORMAT: 'confluent',
      APPLICATION_ID: uniqueName('card-features'),
      LOG_LEVEL: 'info',
    };
    const generate = async (fromMs: number, toMs: number, seed: number) => {
      const args = ['transactions', '--backfill', '--count', '150', '--from', String(fromMs), '--to', String(toMs)];
      const datagen = loadDatagenConfig(
        {
          KAFKA_BROKERS: testBrokers().join(','),
          SCHEMA_REGISTRY_URL: env.SCHEMA_REGISTRY_URL,
          TRANSACTIONS_TOPIC: topics.transactions,
          LOG_LEVEL: 'silent',
        },
        [...args, '--seed', String(seed), '--format', 'confluent'],
        toMs,
      );
      await runDatagen(datagen, { log: createSilentLogger() });
    };
    const volume = uniqueName('card-state');
    volumes.push(volume);
    await podman('volume', 'create', volume);

    await generate(CARDS_FROM_MS, CARDS_RESTART_MS, 1);
    const first = uniqueName('card-features-1');
    await startReady('card-features-pipeline', first, env, volume);
    await readTopicUntil(kafka, topics.features, (records) => records.length > 0);
    expect(await podman('exec', first, 'node', '-p', 'process.getuid()')).toBe('1000');
    expect(await stopContainer(first, STOP_GRACE_SECONDS)).toBe(0);
    const state = await filesUnder(await podman('volume', 'inspect', '--format', '{{.Mountpoint}}', volume));
    expect(state.length).toBeGreaterThan(0);
    expect(state.filter(({ uid }) => uid !== 1000)).toEqual([]);

    await generate(CARDS_RESTART_MS, CARDS_TO_MS, 2);
    const second = uniqueName('card-features-2');
    const secondPort = await startReady('card-features-pipeline', second, env, volume);

    // What the whole input gives, computed in-process: every row the containers wrote must be one of these.
    const config = loadConfig({ ...env, KAFKA_BROKERS: testBrokers().join(','), MODE: 'bounded', HTTP_PORT: '0' });
    const serdes = await createCardSerdes(config, () => createSchemaRegistry({ url: testSchemaRegistryUrl() }));
    const driver = createTestDriver(buildTopology(config, serdes), { partitions: 3 });
    for (const record of await readTopic(kafka, topics.transactions, 300)) {
      driver.pipeBytes(topics.transactions, record.key, record.value, 0, record.partition);
    }
    driver.endInput();
    const describeRow = (key: unknown, value: unknown) => JSON.stringify({ key, value });
    const expected = new Set(driver.output(topics.features).map(({ key, value }) => describeRow(key, value)));
    const decode = ({ key, value }: ReadRecord) => {
      const row = serdes.aggSerde.deserialize(value ?? Buffer.alloc(0));
      return { text: describeRow(String(key), row), startMs: Number(row.window_start), endMs: Number(row.window_end) };
    };
    // A window open at the restart fires only in the second container, with the first one's part in it.
    const written = (
      await readTopicUntil(
        kafka,
        topics.features,
        (records) =>
          records.some((record) => {
            const { startMs, endMs } = decode(record);
            return startMs < CARDS_RESTART_MS && endMs > CARDS_RESTART_MS;
          }),
        120_000,
      )
    ).map(decode);
    expect(written.filter(({ text }) => !expected.has(text))).toEqual([]);

    // The state came from the volume: no store had to be rebuilt from its changelog.
    const metrics = await (await fetch(`http://127.0.0.1:${secondPort}/metrics`)).text();
    expect(/^fp_changelog_restores_total(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1]).toBe('0');
    expect(await stopContainer(second, STOP_GRACE_SECONDS)).toBe(0);
  });
});
