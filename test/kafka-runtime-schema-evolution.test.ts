import { runBounded } from '@fp/kafka-runtime';
import { createSchemaRegistry, registryAvroSerde } from '@fp/schema-registry';
import { jsonSerde, stringSerde, type AvroSchema } from '@fp/serdes';
import { createTopology } from '@fp/topology';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestTopics, testBrokers, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { readTopic } from './support/read-topic';
import { connectTestProducer } from './support/test-producer';

const readingV1: AvroSchema = {
  type: 'record',
  name: 'Reading',
  namespace: 'fp.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};
const readingV2: AvroSchema = {
  ...readingV1,
  fields: [...(readingV1 as { fields: object[] }).fields, { name: 'currency', type: 'string', default: 'EUR' }],
};
interface ReadingV1 {
  id: string;
  amount: number;
}
type ReadingV2 = ReadingV1 & { currency: string };

describe('a pipeline reading records of an older writer schema', () => {
  it('fetches the writer schema once per new id before decoding a batch, and resolves it to the reader schema', async () => {
    const kafka = testKafkaClient();
    const topics = { readings: uniqueName('readings'), out: uniqueName('readings-out') };
    await createTestTopics(kafka, { [topics.readings]: 2, [topics.out]: 1 });
    const registry = () => createSchemaRegistry({ url: testSchemaRegistryUrl() });

    // A producer that still writes version 1.
    const writerV1 = await registryAvroSerde<ReadingV1>({
      registry: registry(),
      topic: topics.readings,
      readerSchema: readingV1,
    });
    const response = await fetch(`${testSchemaRegistryUrl()}/config/${encodeURIComponent(writerV1.subject)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
    });
    expect(response.status).toBe(200);
    const producer = await connectTestProducer(kafka);
    await producer.send(
      topics.readings,
      Array.from({ length: 20 }, (_, n) => ({
        key: `r${n}`,
        value: writerV1.serialize({ id: `r${n}`, amount: n }),
      })),
    );
    await producer.disconnect();

    // The pipeline reads with version 2 (a new field with a default); its serde knows only its own id.
    const readerV2 = await registryAvroSerde<ReadingV2>({
      registry: registry(),
      topic: topics.readings,
      readerSchema: readingV2,
    });
    expect(readerV2.schemaId).not.toBe(writerV1.schemaId);
    const topology = createTopology(uniqueName('evolution'));
    topology
      .stream('read-readings', {
        topic: topics.readings,
        key: stringSerde,
        value: readerV2,
        onDeserializationError: 'dead-letter',
      })
      .mapValues('describe', (reading) => ({ id: reading.id, currency: reading.currency }))
      .to('write', {
        topic: topics.out,
        key: stringSerde,
        value: jsonSerde(z.object({ id: z.string(), currency: z.string() })),
      });

    const stateDir = await mkdtemp(join(tmpdir(), 'evolution-'));
    try {
      const summary = await runBounded(topology, {
        connection: { brokers: testBrokers(), clientId: 'evolution-test' },
        stateDir,
        deadLetterTopic: uniqueName('dead-letters'),
      });
      expect(summary).toMatchObject({ recordsIn: 20, recordsOut: 20, deadLetteredRecords: 0 });
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
    const written = await readTopic(kafka, topics.out, 20);
    expect(new Set(written.map(({ value }) => JSON.parse(String(value)).currency))).toEqual(new Set(['EUR']));
  });
});
