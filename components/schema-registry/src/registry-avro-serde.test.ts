import { SerdesError } from '@fp/serdes';
import { describe, expect, it, vi } from 'vitest';
import { SchemaRegistryError } from './errors';
import { registryAvroSerde } from './registry-avro-serde';
import { createMemorySchemaRegistry } from './testing';

const transactionV1 = {
  type: 'record',
  name: 'Transaction',
  namespace: 'fp.cards',
  fields: [
    { name: 'tid', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
} as const;

const transactionV2 = {
  ...transactionV1,
  fields: [...transactionV1.fields, { name: 'currency', type: 'string', default: 'EUR' }],
} as const;

interface TransactionV2 {
  tid: string;
  amount: number;
  currency: string;
}

describe('registryAvroSerde()', () => {
  it('registers the reader schema under <topic>-value and writes with its id', async () => {
    const registry = createMemorySchemaRegistry();
    const serde = await registryAvroSerde<TransactionV2>({ registry, topic: 'tx', readerSchema: transactionV2 });
    expect(serde.subject).toBe('tx-value');
    expect(serde.schemaId).toBe(await registry.lookup('tx-value', transactionV2));
    const bytes = serde.serialize({ tid: 't', amount: 1, currency: 'USD' });
    expect(bytes.readInt32BE(1)).toBe(serde.schemaId);
  });

  it('uses the subject naming strategy and role it is given', async () => {
    const registry = createMemorySchemaRegistry();
    const serde = await registryAvroSerde({
      registry,
      topic: 'tx',
      readerSchema: transactionV1,
      role: 'key',
      strategy: 'topic-record-name',
    });
    expect(serde.subject).toBe('tx-fp.cards.Transaction');
  });

  it('reads records of another writer version after prepare, fetching that schema once', async () => {
    const registry = createMemorySchemaRegistry();
    const writer = await registryAvroSerde<Omit<TransactionV2, 'currency'>>({
      registry,
      topic: 'tx',
      readerSchema: transactionV1,
    });
    const reader = await registryAvroSerde<TransactionV2>({ registry, topic: 'tx', readerSchema: transactionV2 });
    const batch = [writer.serialize({ tid: 'a', amount: 1 }), writer.serialize({ tid: 'b', amount: 2 })];
    await reader.prepare(batch);
    await reader.prepare(batch);
    expect(batch.map((bytes) => reader.deserialize(bytes))).toEqual([
      { tid: 'a', amount: 1, currency: 'EUR' },
      { tid: 'b', amount: 2, currency: 'EUR' },
    ]);
    expect(registry.calls.fetchWriterSchema).toBe(1);
  });

  it('fails a record whose writer id the registry does not have with SERDES_UNKNOWN_SCHEMA_ID, not the batch', async () => {
    const registry = createMemorySchemaRegistry();
    const serde = await registryAvroSerde<TransactionV2>({ registry, topic: 'tx', readerSchema: transactionV2 });
    const orphan = Buffer.from(serde.serialize({ tid: 'a', amount: 1, currency: 'EUR' }));
    orphan.writeInt32BE(9_999, 1);
    await expect(serde.prepare([orphan])).resolves.toBeUndefined();
    expect(() => serde.deserialize(orphan)).toThrow(
      expect.objectContaining({ code: 'SERDES_UNKNOWN_SCHEMA_ID', domain: 'data' }),
    );
    expect(() => serde.deserialize(orphan)).toThrow(SerdesError);
  });

  it('rejects prepare when the registry is unreachable, so the runtime retries the batch', async () => {
    const registry = createMemorySchemaRegistry();
    const serde = await registryAvroSerde<TransactionV2>({ registry, topic: 'tx', readerSchema: transactionV2 });
    const other = Buffer.from(serde.serialize({ tid: 'a', amount: 1, currency: 'EUR' }));
    other.writeInt32BE(5, 1);
    const down = new SchemaRegistryError('SCHEMA_REGISTRY_UNREACHABLE', 'down');
    vi.spyOn(registry, 'fetchWriterSchema').mockRejectedValueOnce(down);
    await expect(serde.prepare([other])).rejects.toBe(down);
  });

  it('only looks the schema up when autoRegister is false, failing if the subject lacks it', async () => {
    const registry = createMemorySchemaRegistry();
    await expect(
      registryAvroSerde({ registry, topic: 'tx', readerSchema: transactionV1, autoRegister: false }),
    ).rejects.toMatchObject({
      code: 'SCHEMA_REGISTRY_NOT_FOUND',
    });
    expect(registry.calls.register).toBe(0);
    await registry.register('tx-value', transactionV1);
    const serde = await registryAvroSerde({ registry, topic: 'tx', readerSchema: transactionV1, autoRegister: false });
    expect(serde.schemaId).toBe(await registry.lookup('tx-value', transactionV1));
  });
});
