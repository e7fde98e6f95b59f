import { createKafkaAdmin, type KafkaAdmin } from '@fp/kafka-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { connectTestProducer } from './support/test-producer';

describe('kafka admin against a real broker', () => {
  let admin: KafkaAdmin;

  beforeAll(() => {
    admin = createKafkaAdmin({ connection: { brokers: testBrokers(), clientId: uniqueName('admin-test') } });
  });

  afterAll(async () => {
    await admin.close();
  });

  it('creates a compacted changelog topic with its configs, and is idempotent', async () => {
    const changelog = uniqueName('app-store-changelog');
    const repartition = uniqueName('app-step-repartition');
    const specs = [
      {
        topic: changelog,
        partitions: 6,
        replicationFactor: 1,
        configs: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000' },
      },
      { topic: repartition, partitions: 6, replicationFactor: 1 },
    ];
    expect(await admin.ensureTopics(specs)).toEqual({ created: [changelog, repartition], existing: [] });
    expect(await admin.ensureTopics(specs)).toEqual({ created: [], existing: [changelog, repartition] });

    const configs = await admin.describeTopicConfigs(changelog);
    expect(configs['cleanup.policy']).toBe('compact');
    expect(configs['min.compaction.lag.ms']).toBe('60000');
    expect((await admin.describeTopicConfigs(repartition))['cleanup.policy']).toBe('delete');

    const partitions = await admin.describePartitions(changelog);
    expect(partitions.map(({ partition }) => partition)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(partitions.every(({ leader, isr }) => leader >= 0 && isr.length === 1)).toBe(true);
  });

  it('fails with KAFKA_ADMIN_PARTITION_MISMATCH, creating nothing, when an existing topic has another partition count', async () => {
    const existing = uniqueName('existing');
    const missing = uniqueName('missing');
    await createTestTopics(testKafkaClient(), { [existing]: 3 });
    await expect(
      admin.ensureTopics([
        { topic: missing, partitions: 3, replicationFactor: 1 },
        { topic: existing, partitions: 6, replicationFactor: 1 },
      ]),
    ).rejects.toMatchObject({
      code: 'KAFKA_ADMIN_PARTITION_MISMATCH',
      message: expect.stringContaining(`"${existing}" has 3 partitions, expected 6`),
    });
    const kafkaAdmin = testKafkaClient().admin();
    await kafkaAdmin.connect();
    const topics = await kafkaAdmin.listTopics();
    await kafkaAdmin.disconnect();
    expect(topics).not.toContain(missing);
  });

  it('fetches start, end and timestamp offsets and committed offsets', async () => {
    const topic = uniqueName('admin-offsets');
    const groupId = uniqueName('admin-group');
    const kafka = testKafkaClient();
    await createTestTopics(kafka, { [topic]: 2 });
    const producer = await connectTestProducer(kafka);
    await producer.send(
      topic,
      [0, 1, 2, 3].map((n) => ({
        partition: 0,
        value: `v${n}`,
        timestamp: String(1_700_000_000_000 + n * 1_000),
      })),
    );
    await producer.disconnect();

    expect(await admin.fetchStartOffsets(topic)).toEqual([
      { partition: 0, offset: '0' },
      { partition: 1, offset: '0' },
    ]);
    expect(await admin.fetchEndOffsets(topic)).toEqual([
      { partition: 0, offset: '4' },
      { partition: 1, offset: '0' },
    ]);
    expect(await admin.fetchOffsetsForTimestamp(topic, 1_700_000_001_500)).toEqual([
      { partition: 0, offset: '2' },
      { partition: 1, offset: '0' },
    ]);
    // After the last record: the end offset.
    expect((await admin.fetchOffsetsForTimestamp(topic, 1_800_000_000_000))[0]).toEqual({ partition: 0, offset: '4' });

    expect(await admin.fetchCommittedOffsets(groupId, [topic])).toEqual([]);
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }] });
    await kafkaAdmin.disconnect();
    expect(await admin.fetchCommittedOffsets(groupId, [topic])).toEqual([{ topic, partition: 0, offset: '3' }]);

    await admin.deleteRecordsBefore(topic, [{ partition: 0, offset: '3' }]);
    expect(await admin.fetchStartOffsets(topic)).toEqual([
      { partition: 0, offset: '3' },
      { partition: 1, offset: '0' },
    ]);
    expect((await admin.fetchEndOffsets(topic))[0]).toEqual({ partition: 0, offset: '4' });
  });
});
