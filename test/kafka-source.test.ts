import {
  createBoundedKafkaSource,
  createKafkaSource,
  type KafkaSource,
  type RawRecord,
  type TopicPartition,
} from '@fp/kafka-source';
import type { Kafka } from 'kafkajs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { sleep, waitFor } from './support/wait-for';
import { connectTestProducer } from './support/test-producer';

const connection = () => ({ brokers: testBrokers(), clientId: uniqueName('source-test') });
const key = ({ topic, partition }: TopicPartition) => `${topic}[${partition}]`;

async function produce(kafka: Kafka, topic: string, count: number, prefix = 'v'): Promise<void> {
  const producer = await connectTestProducer(kafka);
  await producer.send(
    topic,
    Array.from({ length: count }, (_, n) => ({
      key: `k-${n}`,
      value: `${prefix}-${n}`,
      headers: { origin: 'test' },
    })),
  );
  await producer.disconnect();
}

describe('kafka source against a real broker', () => {
  let kafka: Kafka;
  const running: KafkaSource[] = [];

  beforeAll(() => {
    kafka = testKafkaClient();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((source) => source.stop()));
  });

  it('delivers batches of raw records with key, value, headers, offset and timestamp', async () => {
    const topic = uniqueName('src-raw');
    await createTestTopics(kafka, { [topic]: 1 });
    await produce(kafka, topic, 5);
    const received: RawRecord[] = [];
    const source = createKafkaSource({
      connection: connection(),
      groupId: uniqueName('g'),
      topics: [topic],
      handler: async (batch) => {
        received.push(...batch.records);
      },
    });
    running.push(source);
    await source.start();
    await waitFor(() => received.length === 5, '5 records');
    expect(received[0]).toMatchObject({ topic, partition: 0, offset: '0' });
    expect(received[0]?.key?.toString()).toBe('k-0');
    expect(received[0]?.value?.toString()).toBe('v-0');
    expect(received[0]?.headers['origin']?.toString()).toBe('test');
    expect(received[0]?.timestampMs).toBeGreaterThan(1_600_000_000_000);
    expect(received.map(({ offset }) => offset)).toEqual(['0', '1', '2', '3', '4']);
  });

  it('splits the partitions of a topic between two members of one group and hands revoked partitions over at the committed offset', async () => {
    const topic = uniqueName('src-group');
    const groupId = uniqueName('g');
    await createTestTopics(kafka, { [topic]: 4 });
    await produce(kafka, topic, 40, 'first');

    const timeline: string[] = [];
    const seen: Record<'a' | 'b', string[]> = { a: [], b: [] };
    const processed = new Map<string, string>();

    const member = (name: 'a' | 'b'): KafkaSource => {
      const source: KafkaSource = createKafkaSource({
        connection: connection(),
        groupId,
        topics: [topic],
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 500,
        maxWaitTimeMs: 200,
        handler: async (batch) => {
          seen[name].push(...batch.records.map(({ value }) => String(value)));
          const last = batch.records.at(-1);
          if (last) processed.set(key(batch), (BigInt(last.offset) + 1n).toString());
        },
        onAssigned: async (partitions) => {
          timeline.push(`${name}:assigned:${partitions.map(key).sort().join(',')}`);
        },
        onRevoked: async (partitions) => {
          timeline.push(`${name}:revoking`);
          // A slow checkpoint: the partitions must not move while it runs.
          await sleep(1_500);
          await source.commit(
            partitions.flatMap((tp) => {
              const offset = processed.get(key(tp));
              return offset === undefined ? [] : [{ ...tp, offset }];
            }),
          );
          timeline.push(`${name}:revoked:${partitions.map(key).sort().join(',')}`);
        },
      });
      running.push(source);
      return source;
    };

    const a = member('a');
    await a.start();
    expect(a.assignment()).toHaveLength(4);
    await waitFor(() => seen.a.length === 40, 'member a to read the first 40 records');

    const b = member('b');
    await b.start();
    await waitFor(() => a.assignment().length > 0 && b.assignment().length > 0, 'both members to own partitions');

    // Disjoint and complete.
    const owned = [...a.assignment(), ...b.assignment()].map(key).sort();
    expect(owned).toEqual([0, 1, 2, 3].map((partition) => key({ topic, partition })));
    expect(a.assignment().length).toBe(2);

    // a finished its revocation (and commit) before b was given any partition.
    const revokedAt = timeline.findIndex((entry) => entry.startsWith('a:revoked:'));
    const bAssignedAt = timeline.findIndex((entry) => entry.startsWith('b:assigned:') && !entry.endsWith(':'));
    expect(timeline[0]).toMatch(/^a:assigned:/);
    expect(revokedAt).toBeGreaterThan(-1);
    expect(bAssignedAt).toBeGreaterThan(revokedAt);
    expect(timeline[revokedAt - 1]).toBe('a:revoking');

    await produce(kafka, topic, 40, 'second');
    await waitFor(() => seen.a.length + seen.b.length === 80, 'the second 40 records');
    // b started from a's commit: nothing a had read was delivered twice.
    expect(seen.b.filter((value) => value.startsWith('first'))).toEqual([]);
    expect([...seen.a, ...seen.b].sort()).toEqual(
      [
        ...Array.from({ length: 40 }, (_, n) => `first-${n}`),
        ...Array.from({ length: 40 }, (_, n) => `second-${n}`),
      ].sort(),
    );
  });

  it('calls onRevoked on stop(), so a commit made there is where the next member starts', async () => {
    const topic = uniqueName('src-stop');
    const groupId = uniqueName('g');
    await createTestTopics(kafka, { [topic]: 2 });
    await produce(kafka, topic, 20, 'old');
    const processed = new Map<string, string>();
    const revoked: string[] = [];
    const first: KafkaSource = createKafkaSource({
      connection: connection(),
      groupId,
      topics: [topic],
      handler: async (batch) => {
        const last = batch.records.at(-1);
        if (last) processed.set(key(batch), (BigInt(last.offset) + 1n).toString());
      },
      onRevoked: async (partitions) => {
        revoked.push(...partitions.map(key));
        await first.commit(
          [...processed].map(([tp, offset]) => ({
            topic,
            partition: Number(tp.slice(tp.lastIndexOf('[') + 1, -1)),
            offset,
          })),
        );
      },
    });
    await first.start();
    await waitFor(() => [...processed.values()].reduce((sum, offset) => sum + Number(offset), 0) === 20, '20 records');
    await first.stop();
    await expect(first.stopped).resolves.toBeUndefined();
    expect(revoked.sort()).toEqual([key({ topic, partition: 0 }), key({ topic, partition: 1 })]);

    await produce(kafka, topic, 5, 'new');
    const values: string[] = [];
    const next = createKafkaSource({
      connection: connection(),
      groupId,
      topics: [topic],
      handler: async (batch) => {
        values.push(...batch.records.map(({ value }) => String(value)));
      },
    });
    running.push(next);
    await next.start();
    await waitFor(() => values.length >= 5, 'the 5 new records');
    await sleep(500);
    expect(values.sort()).toEqual(['new-0', 'new-1', 'new-2', 'new-3', 'new-4']);
  });

  it('seeks, pauses and resumes a partition', async () => {
    const topic = uniqueName('src-seek');
    await createTestTopics(kafka, { [topic]: 1 });
    await produce(kafka, topic, 10);
    const offsets: string[] = [];
    const source: KafkaSource = createKafkaSource({
      connection: connection(),
      groupId: uniqueName('g'),
      topics: [topic],
      maxWaitTimeMs: 200,
      handler: async (batch) => {
        offsets.push(...batch.records.map(({ offset }) => offset));
      },
      onAssigned: async () => {
        source.seek({ topic, partition: 0, offset: '7' });
      },
    });
    running.push(source);
    await source.start();
    await waitFor(() => offsets.length === 3, 'records 7..9');
    expect(offsets).toEqual(['7', '8', '9']);

    source.pause([{ topic, partition: 0 }]);
    await produce(kafka, topic, 2, 'late');
    await sleep(1_500);
    expect(offsets).toEqual(['7', '8', '9']);
    source.resume([{ topic, partition: 0 }]);
    await waitFor(() => offsets.length === 5, 'the records produced while paused');
    expect(offsets).toEqual(['7', '8', '9', '10', '11']);
  });

  it('starts a new group at a timestamp', async () => {
    const topic = uniqueName('src-ts');
    await createTestTopics(kafka, { [topic]: 1 });
    const producer = await connectTestProducer(kafka);
    await producer.send(
      topic,
      [1_000, 2_000, 3_000, 4_000].map((timestamp) => ({
        value: `at-${timestamp}`,
        timestamp: String(1_700_000_000_000 + timestamp),
      })),
    );
    await producer.disconnect();
    const values: string[] = [];
    const source = createKafkaSource({
      connection: connection(),
      groupId: uniqueName('g'),
      topics: [topic],
      startFrom: { timestampMs: 1_700_000_002_500 },
      handler: async (batch) => {
        values.push(...batch.records.map(({ value }) => String(value)));
      },
    });
    running.push(source);
    await source.start();
    await waitFor(() => values.length >= 2, 'records from the timestamp on');
    expect(values).toEqual(['at-3000', 'at-4000']);
  });

  it('rejects `stopped` with KAFKA_SOURCE_HANDLER_FAILED when the handler throws, without committing', async () => {
    const topic = uniqueName('src-fail');
    const groupId = uniqueName('g');
    await createTestTopics(kafka, { [topic]: 1 });
    await produce(kafka, topic, 3);
    const source = createKafkaSource({
      connection: connection(),
      groupId,
      topics: [topic],
      handler: async () => {
        throw new Error('bug in the pipeline');
      },
    });
    await source.start();
    await expect(source.stopped).rejects.toMatchObject({
      code: 'KAFKA_SOURCE_HANDLER_FAILED',
      message: expect.stringContaining('bug in the pipeline'),
    });
    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    expect(committed?.partitions.map(({ offset }) => offset)).toEqual(['-1']);
  });
});

describe('bounded kafka source against a real broker', () => {
  let kafka: Kafka;

  beforeAll(() => {
    kafka = testKafkaClient();
  });

  it('reads up to the end offsets captured at start and not the records produced after', async () => {
    const topic = uniqueName('bounded');
    await createTestTopics(kafka, { [topic]: 3 });
    await produce(kafka, topic, 30, 'before');
    const values: string[] = [];
    let hasProducedMore = false;
    const summary = await createBoundedKafkaSource({
      connection: connection(),
      topics: [topic],
      handler: async (batch) => {
        if (!hasProducedMore) {
          hasProducedMore = true;
          // Produced after the end offsets were captured: must not be read.
          await produce(kafka, topic, 30, 'after');
        }
        values.push(...batch.records.map(({ value }) => String(value)));
      },
    }).run();
    expect(hasProducedMore).toBe(true);
    expect(values.sort()).toEqual(Array.from({ length: 30 }, (_, n) => `before-${n}`).sort());
    expect(summary.records).toBe(30);
    expect(summary.ranges.map(({ startOffset }) => startOffset)).toEqual(['0', '0', '0']);
    expect(summary.ranges.reduce((sum, { endOffset }) => sum + Number(endOffset), 0)).toBe(30);
  });

  it('reads only the partitions asked for', async () => {
    const topic = uniqueName('bounded-partitions');
    await createTestTopics(kafka, { [topic]: 3 });
    await produce(kafka, topic, 30, 'v');
    const partitions = new Set<number>();
    const summary = await createBoundedKafkaSource({
      connection: connection(),
      topics: [topic],
      partitions: [1],
      handler: async (batch) => {
        partitions.add(batch.partition);
      },
    }).run();
    expect([...partitions]).toEqual([1]);
    expect(summary.ranges.map(({ partition }) => partition)).toEqual([1]);
    expect(summary.records).toBeGreaterThan(0);
    expect(summary.records).toBe(Number(summary.ranges[0]?.endOffset));
  });

  it('reads a range given by start offsets and an end timestamp', async () => {
    const topic = uniqueName('bounded-range');
    await createTestTopics(kafka, { [topic]: 1 });
    const producer = await connectTestProducer(kafka);
    await producer.send(
      topic,
      Array.from({ length: 10 }, (_, n) => ({
        value: `r-${n}`,
        timestamp: String(1_700_000_000_000 + n * 1_000),
      })),
    );
    await producer.disconnect();
    const values: string[] = [];
    const summary = await createBoundedKafkaSource({
      connection: connection(),
      topics: [topic],
      from: { offsets: [{ topic, partition: 0, offset: '2' }] },
      to: { timestampMs: 1_700_000_006_000 },
      handler: async (batch) => {
        values.push(...batch.records.map(({ value }) => String(value)));
      },
    }).run();
    expect(values).toEqual(['r-2', 'r-3', 'r-4', 'r-5']);
    expect(summary.ranges).toEqual([{ topic, partition: 0, startOffset: '2', endOffset: '6' }]);
  });

  it('returns at once for an empty topic', async () => {
    const topic = uniqueName('bounded-empty');
    await createTestTopics(kafka, { [topic]: 2 });
    const summary = await createBoundedKafkaSource({
      connection: connection(),
      topics: [topic],
      handler: async () => undefined,
    }).run();
    expect(summary).toMatchObject({ records: 0 });
  });
});
