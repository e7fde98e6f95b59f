import { createKafkaAdmin, type KafkaAdmin } from '@fp/kafka-admin';
import { createKafkaSink, createTransactionalKafkaSink, partitionForKey } from '@fp/kafka-sink';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { readWholeTopic } from './support/read-topic';

const connection = () => ({ brokers: testBrokers(), clientId: uniqueName('sink-test') });

describe('kafka sink against a real broker', () => {
  let kafka: Kafka;
  let realAdmin: KafkaAdmin;

  beforeAll(() => {
    kafka = testKafkaClient();
    realAdmin = createKafkaAdmin({ connection: connection() });
  });

  afterAll(async () => {
    await realAdmin.close();
  });

  it('flush() resolves only when every record sent so far is acknowledged', async () => {
    const topic = uniqueName('sink-flush');
    await createTestTopics(kafka, { [topic]: 3 });
    // A long linger: nothing leaves on its own, only flush() and full batches move records.
    const sink = createKafkaSink({
      connection: connection(),
      lingerMs: 60_000,
      maxBatchRecords: 1_000,
      compression: 'gzip',
    });
    for (let n = 0; n < 5_500; n++) {
      sink.send({ topic, key: `k-${n % 50}`, value: `v-${n}` });
    }
    await sink.flush();
    const ends = await realAdmin.fetchEndOffsets(topic);
    expect(ends.reduce((sum, { offset }) => sum + Number(offset), 0)).toBe(5_500);
    expect(sink.pendingCount).toBe(0);
    await sink.close();
    const values = (await readWholeTopic(topic)).map(({ value }) => String(value));
    expect(new Set(values).size).toBe(5_500);
  });

  it('puts keyed records on the partition Java murmur2 predicts, and keeps their order per key', async () => {
    const topic = uniqueName('sink-keys');
    await createTestTopics(kafka, { [topic]: 6 });
    const sink = createKafkaSink({ connection: connection() });
    const keys = ['foobar', '21', 'abc', ...Array.from({ length: 200 }, (_, n) => `card-${4_000_000 + n * 13}`)];
    for (const [index, key] of keys.entries()) {
      sink.send({ topic, key, value: `${key}#${index}`, headers: { seq: String(index) } });
      sink.send({ topic, key, value: `${key}#second` });
    }
    await sink.close();
    const records = await readWholeTopic(topic);
    expect(records).toHaveLength(keys.length * 2);
    for (const record of records) {
      expect(record.partition).toBe(partitionForKey(record.key as Buffer, 6));
    }
    // From Java's Utils.murmur2 vectors: toPositive(h) % 6.
    const partitionOf = (key: string) => records.find((r) => String(r.key) === key)?.partition;
    expect(partitionOf('foobar')).toBe((-790332482 & 0x7fffffff) % 6);
    expect(partitionOf('21')).toBe((-973932308 & 0x7fffffff) % 6);
    expect(partitionOf('abc')).toBe(479470107 % 6);
    const foobar = records.filter((r) => String(r.key) === 'foobar').map((r) => String(r.value));
    expect(foobar).toEqual(['foobar#0', 'foobar#second']);
    expect(String(records.find((r) => String(r.key) === 'abc')?.headers['seq'])).toBe('2');
  });

  it('sends requests of several MiB that the broker accepts: each partition stays under message.max.bytes', async () => {
    const topic = uniqueName('sink-big-requests');
    await createTestTopics(kafka, { [topic]: 6 });
    const sink = createKafkaSink({ connection: connection(), lingerMs: 60_000 });
    // 6 MiB waiting: 1 MiB per partition (over the broker's per-batch limit if sent at once) plus
    // 1 MiB of keyed records, which count as one partition since any may get them.
    const value = Buffer.alloc(1024, 7);
    for (let n = 0; n < 6 * 1024; n++) sink.send({ topic, key: null, value, partition: n % 6 });
    for (let n = 0; n < 1024; n++) sink.send({ topic, key: `k-${n}`, value });
    await sink.close();
    const ends = await realAdmin.fetchEndOffsets(topic);
    expect(ends.reduce((sum, { offset }) => sum + Number(offset), 0)).toBe(7 * 1024);
  });

  it('rejects flush() with KAFKA_SINK_SEND_FAILED when the broker refuses the records, and stays failed', async () => {
    const topic = uniqueName('sink-too-big');
    await createTestTopics(kafka, { [topic]: 1 });
    const sink = createKafkaSink({ connection: connection(), sendRetries: 1 });
    // Over the broker's default message.max.bytes (1 MiB): not retriable.
    sink.send({ topic, key: null, value: Buffer.alloc(2 * 1024 * 1024, 1) });
    await expect(sink.flush()).rejects.toMatchObject({ code: 'KAFKA_SINK_SEND_FAILED' });
    expect(() => sink.send({ topic, key: null, value: 'small' })).toThrow(
      expect.objectContaining({ code: 'KAFKA_SINK_SEND_FAILED' }),
    );
    await sink.close().catch(() => undefined);
  });

  it('names the topic and message.timestamp.after.max.ms when the broker refuses a record from the future', async () => {
    const topic = uniqueName('sink-future');
    // Kafka 4's default for every topic; Kafka 3.9 accepts it as a topic setting.
    await createTestTopics(kafka, { [topic]: 1 }, { 'message.timestamp.after.max.ms': '3600000' });
    const sink = createKafkaSink({ connection: connection(), sendRetries: 1 });
    sink.send({ topic, key: null, value: 'from the future', timestampMs: Date.now() + 2 * 3_600_000 });
    const failure = await sink.flush().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'KAFKA_SINK_SEND_FAILED' });
    expect((failure as Error).message).toContain(`refused the timestamps of a batch of 1 records to ${topic}`);
    expect((failure as Error).message).toContain('message.timestamp.after.max.ms');
    await sink.close().catch(() => undefined);
  });

  it('keeps an aborted transaction invisible to read_committed consumers and shows a committed one with its offsets', async () => {
    const topic = uniqueName('sink-tx');
    const inputTopic = uniqueName('sink-tx-input');
    const groupId = uniqueName('tx-group');
    await createTestTopics(kafka, { [topic]: 2, [inputTopic]: 1 });
    const sink = createTransactionalKafkaSink({ connection: connection(), transactionalId: uniqueName('tx') });

    await sink.beginTransaction();
    for (let n = 0; n < 10; n++) sink.send({ topic, key: `k-${n}`, value: `aborted-${n}` });
    await sink.flush(); // written to the log, but not committed
    await sink.abort();

    await sink.beginTransaction();
    for (let n = 0; n < 5; n++) sink.send({ topic, key: `k-${n}`, value: `committed-${n}` });
    await sink.sendOffsets(groupId, [{ topic: inputTopic, partition: 0, offset: '42' }]);
    await sink.commit();
    expect(sink.isInTransaction).toBe(false);
    await sink.close();

    // commit() returns once the coordinator logged the decision; the markers reach the partitions
    // just after, and until then the last stable offset (where a bounded read ends) stays before them.
    let committedView: string[] = [];
    for (let attempt = 0; attempt < 50 && committedView.length < 5; attempt++) {
      committedView = (await readWholeTopic(topic, 'read_committed')).map(({ value }) => String(value));
    }
    expect(committedView.sort()).toEqual(['committed-0', 'committed-1', 'committed-2', 'committed-3', 'committed-4']);
    // The aborted records are in the log: only the isolation level hides them.
    const uncommittedView = (await readWholeTopic(topic, 'read_uncommitted')).map(({ value }) => String(value));
    expect(uncommittedView.filter((value) => value.startsWith('aborted'))).toHaveLength(10);

    expect(await realAdmin.fetchCommittedOffsets(groupId, [inputTopic])).toEqual([
      { topic: inputTopic, partition: 0, offset: '42' },
    ]);
  });

  it('fences the older producer when a new one starts with the same transactional id', async () => {
    const topic = uniqueName('sink-fence');
    await createTestTopics(kafka, { [topic]: 1 });
    const transactionalId = uniqueName('tx-fence');
    const zombie = createTransactionalKafkaSink({ connection: connection(), transactionalId });
    await zombie.beginTransaction();
    zombie.send({ topic, key: 'k', value: 'from-zombie' });
    await zombie.flush();

    const successor = createTransactionalKafkaSink({ connection: connection(), transactionalId });
    await successor.beginTransaction();
    successor.send({ topic, key: 'k', value: 'from-successor' });
    await successor.commit();

    await expect(zombie.commit()).rejects.toMatchObject({ code: 'KAFKA_SINK_TRANSACTION_FAILED' });
    await zombie.close().catch(() => undefined);
    await successor.close();
    expect((await readWholeTopic(topic)).map(({ value }) => String(value))).toEqual(['from-successor']);
  });
});
