import { describe, expect, it, vi } from 'vitest';
import { toAvroType, type AvroSchema } from './avro-type';
import { confluentAvroSerde } from './confluent-avro-serde';
import { SerdesError } from './errors';

/** v1 of a card transaction: no `currency`. */
const transactionV1 = {
  type: 'record',
  name: 'Transaction',
  fields: [
    { name: 'tid', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
} as const;

/** v2 adds `currency` with a default: backward compatible with v1. */
const transactionV2 = {
  type: 'record',
  name: 'Transaction',
  fields: [
    { name: 'tid', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'currency', type: 'string', default: 'EUR' },
  ],
} as const;

/** Changes `amount` to a string: no reader of v1 or v2 can read it. */
const transactionBroken = {
  type: 'record',
  name: 'Transaction',
  fields: [
    { name: 'tid', type: 'string' },
    { name: 'amount', type: 'string' },
  ],
} as const;

const V1_ID = 11;
const V2_ID = 12;
const BROKEN_ID = 13;

function framed(schemaId: number, schema: AvroSchema, value: unknown): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, toAvroType(schema, 'test schema').toBuffer(value)]);
}

function thrown(fn: () => unknown): SerdesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SerdesError) return error;
    throw error;
  }
  throw new Error('expected a SerdesError');
}

describe('confluentAvroSerde()', () => {
  it('writes magic byte 0, the schema id big-endian, then the Avro payload', () => {
    const serde = confluentAvroSerde({ readerSchema: transactionV1, schemaId: 0x01020304 });
    const bytes = serde.serialize({ tid: 't-1', amount: 2.5 });
    expect([...bytes.subarray(0, 5)]).toEqual([0, 1, 2, 3, 4]);
    expect(
      bytes.subarray(5).equals(toAvroType(transactionV1, 'test schema').toBuffer({ tid: 't-1', amount: 2.5 })),
    ).toBe(true);
    expect(serde.deserialize(bytes)).toEqual({ tid: 't-1', amount: 2.5 });
  });

  it('encodes records larger than its reusable buffer', () => {
    const serde = confluentAvroSerde({ readerSchema: transactionV1, schemaId: V1_ID });
    const big = { tid: 'x'.repeat(100_000), amount: 1 };
    expect(serde.deserialize(serde.serialize(big))).toEqual(big);
    expect(serde.deserialize(serde.serialize({ tid: 'small', amount: 2 }))).toEqual({ tid: 'small', amount: 2 });
  });

  it('refuses to encode a value that does not fit the reader schema, naming the field', () => {
    const serde = confluentAvroSerde<unknown>({ readerSchema: transactionV1, schemaId: V1_ID });
    expect(() => serde.serialize({ tid: 't-1' })).toThrow(
      expect.objectContaining({ code: 'SERDES_VALIDATION', message: expect.stringContaining('amount') }),
    );
  });

  it.each([
    ['a negative id', -1],
    ['a fraction', 1.5],
    ['an id beyond int32', 2 ** 31],
  ])('rejects %s as schemaId with SERDES_INVALID_OPTIONS', (_, schemaId) => {
    expect(() => confluentAvroSerde({ readerSchema: transactionV1, schemaId })).toThrow(
      expect.objectContaining({ code: 'SERDES_INVALID_OPTIONS', message: expect.stringContaining('schemaId') }),
    );
  });

  describe('decode failures (domain data)', () => {
    const serde = confluentAvroSerde({ readerSchema: transactionV1, schemaId: V1_ID });

    it('rejects a payload shorter than the header with SERDES_AVRO_TRUNCATED', () => {
      expect(thrown(() => serde.deserialize(Buffer.from([0, 0, 0]))).code).toBe('SERDES_AVRO_TRUNCATED');
    });

    it('rejects a payload cut inside the record with SERDES_AVRO_TRUNCATED', () => {
      const bytes = serde.serialize({ tid: 'transaction-1', amount: 1 });
      const error = thrown(() => serde.deserialize(bytes.subarray(0, bytes.length - 4)));
      expect(error).toMatchObject({ code: 'SERDES_AVRO_TRUNCATED', domain: 'data' });
    });

    it('rejects trailing bytes after the record with SERDES_AVRO_CORRUPT', () => {
      const bytes = serde.serialize({ tid: 't', amount: 1 });
      expect(thrown(() => serde.deserialize(Buffer.concat([bytes, Buffer.from([1])])))).toMatchObject({
        code: 'SERDES_AVRO_CORRUPT',
      });
    });

    it('rejects a payload without the magic byte with SERDES_AVRO_WRONG_MAGIC_BYTE', () => {
      const error = thrown(() => serde.deserialize(Buffer.from('{"tid":"t-1","amount":1}')));
      expect(error).toMatchObject({ code: 'SERDES_AVRO_WRONG_MAGIC_BYTE', domain: 'data' });
      expect(error.message).toContain('starts with byte 123');
    });

    it('rejects an id it does not know with SERDES_UNKNOWN_SCHEMA_ID, naming the id', () => {
      const error = thrown(() => serde.deserialize(framed(99, transactionV1, { tid: 't', amount: 1 })));
      expect(error).toMatchObject({ code: 'SERDES_UNKNOWN_SCHEMA_ID', domain: 'data' });
      expect(error.message).toContain('schema id 99');
    });

    it('rejects a writer schema the reader cannot resolve with SERDES_INCOMPATIBLE_SCHEMA, every time', () => {
      const withBroken = confluentAvroSerde({
        readerSchema: transactionV1,
        schemaId: V1_ID,
        resolveWriter: (id) => (id === BROKEN_ID ? transactionBroken : undefined),
      });
      const bytes = framed(BROKEN_ID, transactionBroken, { tid: 't', amount: 'one' });
      expect(thrown(() => withBroken.deserialize(bytes))).toMatchObject({
        code: 'SERDES_INCOMPATIBLE_SCHEMA',
        domain: 'data',
      });
      expect(thrown(() => withBroken.deserialize(bytes))).toMatchObject({ code: 'SERDES_INCOMPATIBLE_SCHEMA' });
    });
  });

  describe('schema evolution', () => {
    const writerSchemas = new Map<number, AvroSchema>([
      [V1_ID, transactionV1],
      [V2_ID, transactionV2],
    ]);
    const v1Record = framed(V1_ID, transactionV1, { tid: 't-1', amount: 10 });
    const v2Record = framed(V2_ID, transactionV2, { tid: 't-2', amount: 20, currency: 'USD' });

    it('reads v1 data with a v2 reader, filling the added field from its default', () => {
      const readerV2 = confluentAvroSerde({
        readerSchema: transactionV2,
        schemaId: V2_ID,
        resolveWriter: (id) => writerSchemas.get(id),
      });
      expect(readerV2.deserialize(v1Record)).toEqual({ tid: 't-1', amount: 10, currency: 'EUR' });
      expect(readerV2.deserialize(v2Record)).toEqual({ tid: 't-2', amount: 20, currency: 'USD' });
    });

    it('reads v2 data with a v1 reader, dropping the field it does not know', () => {
      const readerV1 = confluentAvroSerde({
        readerSchema: transactionV1,
        schemaId: V1_ID,
        resolveWriter: (id) => writerSchemas.get(id),
      });
      expect(readerV1.deserialize(v2Record)).toEqual({ tid: 't-2', amount: 20 });
      expect(readerV1.deserialize(v1Record)).toEqual({ tid: 't-1', amount: 10 });
    });

    it('builds one resolver per writer id, not one per record', () => {
      const resolveWriter = vi.fn((id: number) => writerSchemas.get(id));
      const readerV2 = confluentAvroSerde({ readerSchema: transactionV2, schemaId: V2_ID, resolveWriter });
      for (let n = 0; n < 5; n += 1) readerV2.deserialize(v1Record);
      expect(resolveWriter).toHaveBeenCalledTimes(1);
    });
  });

  describe('prepare()', () => {
    const v1Record = framed(V1_ID, transactionV1, { tid: 't-1', amount: 10 });

    it('is absent without fetchWriterSchema, so the runtime has nothing to await', () => {
      expect(confluentAvroSerde({ readerSchema: transactionV2, schemaId: V2_ID }).prepare).toBeUndefined();
    });

    it('fetches each unknown writer id once per batch, after which decoding is synchronous', async () => {
      const fetchWriterSchema = vi.fn(async (id: number) => (id === V1_ID ? transactionV1 : undefined));
      const serde = confluentAvroSerde({ readerSchema: transactionV2, schemaId: V2_ID, fetchWriterSchema });
      expect(thrown(() => serde.deserialize(v1Record)).message).toContain('must call prepare');

      await serde.prepare?.([v1Record, v1Record, serde.serialize({ tid: 'own', amount: 1, currency: 'EUR' })]);
      expect(fetchWriterSchema.mock.calls).toEqual([[V1_ID]]);
      expect(serde.deserialize(v1Record)).toEqual({ tid: 't-1', amount: 10, currency: 'EUR' });

      await serde.prepare?.([v1Record]);
      expect(fetchWriterSchema).toHaveBeenCalledTimes(1);
    });

    it('shares one fetch between concurrent batches asking for the same id', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const fetchWriterSchema = vi.fn(async () => {
        await gate;
        return transactionV1;
      });
      const serde = confluentAvroSerde({ readerSchema: transactionV2, schemaId: V2_ID, fetchWriterSchema });
      const first = serde.prepare?.([v1Record]);
      const second = serde.prepare?.([v1Record]);
      release();
      await Promise.all([first, second]);
      expect(fetchWriterSchema).toHaveBeenCalledTimes(1);
    });

    it('remembers ids the registry does not have, and decoding them fails with SERDES_UNKNOWN_SCHEMA_ID', async () => {
      const fetchWriterSchema = vi.fn(async () => undefined);
      const serde = confluentAvroSerde({ readerSchema: transactionV2, schemaId: V2_ID, fetchWriterSchema });
      const orphan = framed(404, transactionV1, { tid: 't', amount: 1 });
      await serde.prepare?.([orphan]);
      await serde.prepare?.([orphan]);
      expect(fetchWriterSchema).toHaveBeenCalledTimes(1);
      const error = thrown(() => serde.deserialize(orphan));
      expect(error).toMatchObject({ code: 'SERDES_UNKNOWN_SCHEMA_ID' });
      expect(error.message).toContain('the registry has no schema with this id');
    });

    it('skips payloads without a Confluent header, leaving them for deserialize to reject', async () => {
      const fetchWriterSchema = vi.fn(async () => transactionV1);
      const serde = confluentAvroSerde({ readerSchema: transactionV2, schemaId: V2_ID, fetchWriterSchema });
      await serde.prepare?.([Buffer.from('{}'), Buffer.from([0, 1])]);
      expect(fetchWriterSchema).not.toHaveBeenCalled();
    });

    it('rejects when the fetch fails, and fetches again on the next batch', async () => {
      const fetchWriterSchema = vi.fn<(id: number) => Promise<AvroSchema | undefined>>();
      fetchWriterSchema.mockRejectedValueOnce(new Error('registry down')).mockResolvedValueOnce(transactionV1);
      const serde = confluentAvroSerde({ readerSchema: transactionV2, schemaId: V2_ID, fetchWriterSchema });
      await expect(serde.prepare?.([v1Record])).rejects.toThrow('registry down');
      await serde.prepare?.([v1Record]);
      expect(serde.deserialize(v1Record)).toMatchObject({ tid: 't-1', currency: 'EUR' });
    });
  });
});
