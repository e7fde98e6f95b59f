import { createSchemaRegistry, registryAvroSerde, SchemaRegistryError, subjectName } from '@fp/schema-registry';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestTopics, testKafkaClient, testSchemaRegistryUrl, uniqueName } from './support/kafka';
import { connectTestProducer } from './support/test-producer';

/**
 * @fp/serdes + @fp/schema-registry against the real registry (Apicurio's Confluent-compatible API)
 * and, for the round trip, the real broker.
 */

function transactionSchemas(name: string) {
  const v1 = {
    type: 'record',
    name,
    namespace: 'fp.test',
    fields: [
      { name: 'tid', type: ['null', 'string'], default: null },
      { name: 'datetime', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
      { name: 'cc_num', type: ['null', 'long'], default: null },
      { name: 'amount', type: ['null', 'double'], default: null },
    ],
  } as const;
  /** Adds a field with a default: BACKWARD compatible. */
  const v2 = { ...v1, fields: [...v1.fields, { name: 'currency', type: 'string', default: 'EUR' }] } as const;
  /** Changes `amount` to a string: rejected under BACKWARD. */
  const incompatible = { ...v1, fields: [...v1.fields.slice(0, 3), { name: 'amount', type: 'string' }] } as const;
  return { v1, v2, incompatible };
}

interface TransactionV1 {
  tid: string | null;
  datetime: number | null;
  cc_num: number | null;
  amount: number | null;
}
type TransactionV2 = TransactionV1 & { currency: string };

async function setSubjectCompatibility(subject: string, compatibility: string): Promise<void> {
  const response = await fetch(`${testSchemaRegistryUrl()}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility }),
  });
  expect(response.status).toBe(200);
}

/** A pass-through HTTP proxy in front of the real registry that counts requests by method and path. */
async function countingProxy(): Promise<{ url: string; count: (pathSuffix: string) => number; server: Server }> {
  const target = new URL(testSchemaRegistryUrl());
  const seen: string[] = [];
  const server = createServer((incoming, outgoing) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    count: (pathSuffix) => seen.filter((line) => line.endsWith(pathSuffix)).length,
    server,
  };
}

const sample: TransactionV1[] = [
  { tid: 'tx-1', datetime: 1_700_000_000_000, cc_num: 4_444_333_322_221_111, amount: 12.5 },
  { tid: null, datetime: null, cc_num: null, amount: null },
];

describe('serdes with the real schema registry', () => {
  const proxies: Server[] = [];

  afterAll(async () => {
    for (const server of proxies) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('round-trips Confluent Avro records through the registry and a real topic', async () => {
    const topic = uniqueName('serdes-registry');
    const { v1 } = transactionSchemas('RoundTrip');
    const writer = await registryAvroSerde<TransactionV1>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: v1,
    });
    expect(writer.subject).toBe(`${topic}-value`);

    const kafka = testKafkaClient();
    await createTestTopics(kafka, { [topic]: 1 });
    const producer = await connectTestProducer(kafka);
    await producer.send(
      topic,
      sample.map((value) => ({ value: writer.serialize(value) })),
    );
    await producer.disconnect();

    // A separate client with an empty cache: the reader learns the writer schema from the registry.
    const reader = await registryAvroSerde<TransactionV1>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: v1,
      autoRegister: false,
    });
    expect(reader.schemaId).toBe(writer.schemaId);

    const consumer = kafka.consumer({ groupId: uniqueName('serdes-registry-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: TransactionV1[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            const payloads = batch.messages.map((message) => message.value as Buffer);
            await reader.prepare(payloads);
            received.push(...payloads.map((payload) => reader.deserialize(payload)));
            if (received.length >= sample.length) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(received).toEqual(sample);
  });

  it('reads two registered writer versions with one reader schema, in both directions', async () => {
    const topic = uniqueName('serdes-evolution');
    const { v1, v2 } = transactionSchemas('Evolving');
    const writerV1 = await registryAvroSerde<TransactionV1>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: v1,
    });
    await setSubjectCompatibility(writerV1.subject, 'BACKWARD');
    const writerV2 = await registryAvroSerde<TransactionV2>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: v2,
    });
    expect(writerV2.schemaId).not.toBe(writerV1.schemaId);

    const fromV1 = writerV1.serialize({ tid: 'old', datetime: 1, cc_num: 2, amount: 3 });
    const fromV2 = writerV2.serialize({ tid: 'new', datetime: 4, cc_num: 5, amount: 6, currency: 'USD' });

    const readerV2 = await registryAvroSerde<TransactionV2>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: v2,
      autoRegister: false,
    });
    await readerV2.prepare([fromV1, fromV2]);
    expect(readerV2.deserialize(fromV1)).toEqual({ tid: 'old', datetime: 1, cc_num: 2, amount: 3, currency: 'EUR' });
    expect(readerV2.deserialize(fromV2)).toEqual({ tid: 'new', datetime: 4, cc_num: 5, amount: 6, currency: 'USD' });

    const readerV1 = await registryAvroSerde<TransactionV1>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: v1,
      autoRegister: false,
    });
    await readerV1.prepare([fromV1, fromV2]);
    expect(readerV1.deserialize(fromV2)).toEqual({ tid: 'new', datetime: 4, cc_num: 5, amount: 6 });
  });

  it('asks the registry once per writer id, however many records and batches carry it', async () => {
    const topic = uniqueName('serdes-cache');
    const { v1, v2 } = transactionSchemas('Cached');
    const writerV1 = await registryAvroSerde<TransactionV1>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: v1,
    });
    const writerV2 = await registryAvroSerde<TransactionV2>({
      registry: createSchemaRegistry({ url: testSchemaRegistryUrl() }),
      topic,
      readerSchema: v2,
    });

    const proxy = await countingProxy();
    proxies.push(proxy.server);
    const registry = createSchemaRegistry({ url: proxy.url });
    const reader = await registryAvroSerde<TransactionV2>({ registry, topic, readerSchema: v2, autoRegister: false });

    const batch = Array.from({ length: 500 }, (_, n) =>
      n % 2 === 0
        ? writerV1.serialize({ tid: `t${n}`, datetime: n, cc_num: n, amount: n })
        : writerV2.serialize({ tid: `t${n}`, datetime: n, cc_num: n, amount: n, currency: 'USD' }),
    );
    for (let round = 0; round < 5; round += 1) {
      await Promise.all([reader.prepare(batch.slice(0, 250)), reader.prepare(batch.slice(250))]);
      for (const payload of batch) reader.deserialize(payload);
    }
    // Also straight on the client: concurrent calls for one id share one request.
    await Promise.all(Array.from({ length: 20 }, () => registry.fetchWriterSchema(writerV1.schemaId)));

    // The reader's own id was known from registration; only the v1 writer schema had to be fetched.
    expect(proxy.count(`/schemas/ids/${writerV1.schemaId}`)).toBe(1);
    expect(proxy.count(`/schemas/ids/${writerV2.schemaId}`)).toBe(0);
  });

  it('finds a schema another producer registered in other text (full name, other attribute order)', async () => {
    const topic = uniqueName('serdes-canonical');
    const { v1 } = transactionSchemas('Canonical');
    const subject = subjectName(topic, 'value');
    // The same schema as v1, as a producer that writes the full name and orders attributes its own way.
    const { namespace, name, ...rest } = v1;
    const otherText = JSON.stringify({ fields: rest.fields, type: 'record', name: `${namespace}.${name}` });
    const registered = await fetch(`${testSchemaRegistryUrl()}/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: otherText }),
    });
    expect(registered.status).toBe(200);
    const { id } = (await registered.json()) as { id: number };
    // A level other than the client's, so registering again would fail: the look-up must find it.
    await setSubjectCompatibility(subject, 'NONE');

    const registry = createSchemaRegistry({ url: testSchemaRegistryUrl() });
    const lookedUp = await registryAvroSerde({ registry, topic, readerSchema: v1, autoRegister: false });
    const registering = await registryAvroSerde({ registry, topic, readerSchema: v1 });
    expect([lookedUp.schemaId, registering.schemaId]).toEqual([id, id]);
    const versions = await fetch(`${testSchemaRegistryUrl()}/subjects/${encodeURIComponent(subject)}/versions`);
    expect(await versions.json()).toEqual([1]);
  });

  it('rejects an incompatible schema at registration with a clear error naming the subject', async () => {
    const topic = uniqueName('serdes-incompatible');
    const { v1, incompatible } = transactionSchemas('Guarded');
    const registry = createSchemaRegistry({ url: testSchemaRegistryUrl() });
    const subject = subjectName(topic, 'value');
    await registry.register(subject, v1);
    await setSubjectCompatibility(subject, 'BACKWARD');

    const failure = registryAvroSerde({ registry, topic, readerSchema: incompatible });
    await expect(failure).rejects.toBeInstanceOf(SchemaRegistryError);
    await expect(failure).rejects.toMatchObject({
      code: 'SCHEMA_REGISTRY_INCOMPATIBLE',
      domain: 'internal',
      message: expect.stringContaining(`subject "${subject}"`),
    });
  });

  it('reports a registry that does not answer as SCHEMA_REGISTRY_UNREACHABLE, retryable', async () => {
    const proxy = await countingProxy();
    const { url } = proxy;
    proxy.server.closeAllConnections();
    await new Promise((resolve) => proxy.server.close(resolve));
    const registry = createSchemaRegistry({ url, retries: 0 });
    await expect(registry.fetchWriterSchema(1)).rejects.toMatchObject({
      code: 'SCHEMA_REGISTRY_UNREACHABLE',
      retry: 'backoff',
    });
  });
});
