import type { Kafka } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, bundleEntry, logLines, runNode, startNode } from './support/bundle';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';

const PROJECT = 'feature-server-pipeline';

describe(`${PROJECT} bundle`, () => {
  let kafka: Kafka;
  let stateDir: string;

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'feature-server-bundle-'));
    buildBundle(PROJECT);
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('runs with plain node: materialises the user statistics, serves a lookup, and stops on SIGTERM with exit 0', async () => {
    const topic = uniqueName('userstatistics');
    await createTestTopics(kafka, { [topic]: 2 });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: ['ada@example.com', 'bob@example.com'].map((email, i) => ({
        key: email,
        value: JSON.stringify({ email_address: email, total_flight_duration: 90 * (i + 1), number_of_flights: i + 1 }),
        timestamp: String(1_700_000_000_000 + i),
      })),
    });
    await producer.disconnect();

    const run = startNode(bundleEntry(PROJECT), {
      KAFKA_BROKERS: testBrokers().join(','),
      FEATURE_VIEWS: 'userstatistics',
      USERSTATISTICS_TOPIC: topic,
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
    });
    try {
      await expect
        .poll(() => logLines(run.stdout()).find((line) => line.port !== undefined)?.port, { timeout: 30_000 })
        .toBeGreaterThan(0);
      const url = `http://127.0.0.1:${logLines(run.stdout()).find((line) => line.port !== undefined)?.port ?? 0}`;
      await expect
        .poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 60_000, interval: 250 })
        .toBe(200);
      const answer = await fetch(`${url}/views/userstatistics/entities/${encodeURIComponent('bob@example.com')}`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({
        view: 'userstatistics',
        key: 'bob@example.com',
        row: { email_address: 'bob@example.com', total_flight_duration: 180, number_of_flights: 2 },
        as_of: { event_time: 1_700_000_000_001, available_at: 1_700_000_000_002 },
      });
    } finally {
      run.child.kill('SIGTERM');
    }
    const result = await run.exited;
    expect(result.code).toBe(0);
    expect(logLines(result.stdout).at(-1)).toMatchObject({ msg: 'feature server stopped' });
  });

  it('exits 1 at start naming every bad variable', async () => {
    const result = await runNode(bundleEntry(PROJECT), {
      FEATURE_VIEWS: 'card_transactions_10m_agg,nope',
      CARD_TRANSACTIONS_10M_AGG_FORMAT: 'protobuf',
      HTTP_PORT: '-1',
    });
    expect(result.code).toBe(1);
    for (const variable of ['FEATURE_VIEWS', 'CARD_TRANSACTIONS_10M_AGG_FORMAT', 'HTTP_PORT']) {
      expect(result.stderr).toContain(variable);
    }
  });
});
