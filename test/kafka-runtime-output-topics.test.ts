import { createKafkaAdmin, type KafkaAdmin } from '@fp/kafka-admin';
import { checkRetention, ensureOutputTopics } from '@fp/kafka-runtime';
import { createSilentLogger } from '@fp/log';
import { stringSerde } from '@fp/serdes';
import { createTopology, type Topology } from '@fp/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';

const DAY_MS = 86_400_000;

/** `input` (3 partitions) -> two sinks; the topics are fresh names so nothing else touches them. */
function twoOutputs(): { topology: Topology; input: string; outputs: [string, string]; deadLetters: string } {
  const input = uniqueName('output-topics-in');
  const outputs: [string, string] = [uniqueName('output-topics-a'), uniqueName('output-topics-b')];
  const topology = createTopology(uniqueName('output-topics'));
  const stream = topology.stream('read', { topic: input, key: stringSerde, value: stringSerde });
  stream.to('write-a', { topic: outputs[0], key: stringSerde, value: stringSerde });
  stream.to('write-b', { topic: outputs[1], key: stringSerde, value: stringSerde });
  return { topology, input, outputs, deadLetters: uniqueName('output-topics-dlq') };
}

describe('ensureOutputTopics() on a real broker', () => {
  let admin: KafkaAdmin;
  const log = createSilentLogger();
  const connection = () => ({ brokers: testBrokers(), clientId: uniqueName('output-topics') });

  beforeAll(() => {
    admin = createKafkaAdmin({ connection: connection() });
  });

  afterAll(async () => {
    await admin.close();
  });

  it("creates the missing outputs and dead-letter topic with the inputs' partitions and retention.ms=-1", async () => {
    const { topology, input, outputs, deadLetters } = twoOutputs();
    await createTestTopics(testKafkaClient(), { [input]: 3 });
    const created = await ensureOutputTopics(topology, {
      connection: connection(),
      deadLetterTopic: deadLetters,
      retentionMs: -1,
      replicationFactor: 1,
      log,
    });
    expect(created).toEqual([...outputs, deadLetters]);
    for (const topic of created) {
      expect(await admin.describePartitions(topic)).toHaveLength(3);
      expect((await admin.describeTopicConfigs(topic))['retention.ms']).toBe('-1');
    }
    // Kept whatever their age: the retention check has nothing to warn about.
    expect(await checkRetention(topology, { connection: connection(), deadLetterTopic: deadLetters, log })).toEqual([]);
    // A second start finds them all.
    expect(
      await ensureOutputTopics(topology, { connection: connection(), retentionMs: -1, replicationFactor: 1, log }),
    ).toEqual([]);
  });

  it('uses the partitions and retention given, and leaves an existing topic as it is', async () => {
    const { topology, input, outputs } = twoOutputs();
    // The first output exists already, with 1 partition and the broker's 7-day retention.
    await createTestTopics(testKafkaClient(), { [input]: 3, [outputs[0]]: 1 }, { 'retention.ms': String(7 * DAY_MS) });
    const created = await ensureOutputTopics(topology, {
      connection: connection(),
      partitions: 2,
      retentionMs: DAY_MS,
      replicationFactor: 1,
      log,
    });
    expect(created).toEqual([outputs[1]]);
    expect(await admin.describePartitions(outputs[0])).toHaveLength(1);
    expect((await admin.describeTopicConfigs(outputs[0]))['retention.ms']).toBe(String(7 * DAY_MS));
    expect(await admin.describePartitions(outputs[1])).toHaveLength(2);
    expect((await admin.describeTopicConfigs(outputs[1]))['retention.ms']).toBe(String(DAY_MS));
    // Both retentions are finite, so the check warns about both outputs.
    const warnings = await checkRetention(topology, { connection: connection(), log });
    expect(warnings.map((warning) => warning.split(' ')[2])).toEqual(outputs);
  });

  it('fails naming the input when it cannot tell the partition count', async () => {
    const { topology, input } = twoOutputs();
    await expect(
      ensureOutputTopics(topology, { connection: connection(), retentionMs: -1, replicationFactor: 1, log }),
    ).rejects.toMatchObject({ code: 'KAFKA_RUNTIME_MISSING_TOPIC', message: expect.stringContaining(input) });
  });
});
