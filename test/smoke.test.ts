import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { connectTestProducer } from './support/test-producer';

/** Proves the test services are real: a broker that produces, consumes and commits, and a registry. */
describe('smoke: real broker and schema registry', () => {
  let kafka: Kafka;

  beforeAll(() => {
    kafka = testKafkaClient();
  });

  afterAll(() => {
    console.info(`smoke test ran against brokers ${testBrokers().join(',')} and registry ${testSchemaRegistryUrl()}`);
  });

  it('produces keyed records to a 3-partition topic and reads them back with a consumer group', async () => {
    const topic = uniqueName('smoke');
    const groupId = uniqueName('smoke-group');
    await createTestTopics(kafka, { [topic]: 3 });

    const producer = await connectTestProducer(kafka);
    const sent = Array.from({ length: 30 }, (_, n) => ({ key: `card-${n % 6}`, value: `amount-${n}` }));
    await producer.send(topic, sent);
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; value: string; partition: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            for (const message of batch.messages) {
              received.push({ key: String(message.key), value: String(message.value), partition: batch.partition });
            }
            const last = batch.messages.at(-1);
            if (last) {
              await consumer.commitOffsets([
                { topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
              ]);
            }
            if (received.length >= sent.length) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received.map(({ value }) => value).sort()).toEqual(sent.map(({ value }) => value).sort());
    // The same key always lands on the same partition.
    const partitionsByKey = new Map<string, Set<number>>();
    for (const { key, partition } of received) {
      partitionsByKey.set(key, (partitionsByKey.get(key) ?? new Set()).add(partition));
    }
    expect([...partitionsByKey.values()].every((partitions) => partitions.size === 1)).toBe(true);

    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    // A partition no key hashed to has no commit (offset -1) and holds no records.
    const committedTotal = (committed?.partitions ?? []).reduce(
      (sum, { offset }) => sum + Math.max(0, Number(offset)),
      0,
    );
    expect(committedTotal).toBe(sent.length);
  });

  it('registers an Avro schema, fetches it by id and round-trips a record in the Confluent wire format', async () => {
    const registry = new SchemaRegistry({ host: testSchemaRegistryUrl() });
    const subject = `${uniqueName('smoke')}-value`;
    const schema = {
      type: 'record',
      name: 'SmokeRecord',
      namespace: 'fp.smoke',
      fields: [
        { name: 'cc_num', type: 'long' },
        { name: 'amount', type: 'double' },
      ],
    };
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject });
    expect(id).toBeGreaterThan(0);
    const fetched = await fetch(`${testSchemaRegistryUrl()}/schemas/ids/${id}`);
    expect(fetched.status).toBe(200);
    const { schema: fetchedSchema } = (await fetched.json()) as { schema: string };
    expect(JSON.parse(fetchedSchema)).toEqual(schema);

    const encoded = await registry.encode(id, { cc_num: 4242, amount: 12.5 });
    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    // A fresh client has no cache: decoding must fetch the writer schema from the registry by id.
    const decoded = await new SchemaRegistry({ host: testSchemaRegistryUrl() }).decode(encoded);
    expect(decoded).toEqual({ cc_num: 4242, amount: 12.5 });
  });
});
