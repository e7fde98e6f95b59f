import { describe, expect, it } from 'vitest';
import { avroSerde } from './avro-serde';
import { toAvroType } from './avro-type';

const sourceTransaction = {
  type: 'record',
  name: 'SourceTransaction',
  fields: [
    { name: 'tid', type: ['null', 'string'], default: null },
    { name: 'datetime', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
    { name: 'cc_num', type: ['null', 'long'], default: null },
    { name: 'amount', type: ['null', 'double'], default: null },
  ],
} as const;

interface SourceTransaction {
  tid: string | null;
  datetime: number | null;
  cc_num: number | null;
  amount: number | null;
}

describe('avroSerde()', () => {
  const serde = avroSerde<SourceTransaction>(sourceTransaction);
  const value = { tid: 't-1', datetime: 1_700_000_000_123, cc_num: 4_444_333_322_221_111, amount: 12.5 };

  it('round-trips a record as raw Avro with no framing, as avsc writes it', () => {
    const bytes = serde.serialize(value);
    expect(bytes.equals(toAvroType(sourceTransaction, 'test schema').toBuffer(value))).toBe(true);
    expect(serde.deserialize(bytes)).toEqual(value);
  });

  it('round-trips nulls in ["null", T] unions', () => {
    const empty = { tid: null, datetime: null, cc_num: null, amount: null };
    expect(serde.deserialize(serde.serialize(empty))).toEqual(empty);
  });

  it('rejects a truncated payload with SERDES_AVRO_TRUNCATED', () => {
    const bytes = serde.serialize(value);
    expect(() => serde.deserialize(bytes.subarray(0, bytes.length - 3))).toThrow(
      expect.objectContaining({ code: 'SERDES_AVRO_TRUNCATED', domain: 'data' }),
    );
  });

  it('rejects trailing bytes and bad union indexes with SERDES_AVRO_CORRUPT', () => {
    const bytes = serde.serialize(value);
    expect(() => serde.deserialize(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(
      expect.objectContaining({ code: 'SERDES_AVRO_CORRUPT', domain: 'data' }),
    );
    // Union index 7 (zig-zag 14) does not exist in ["null", "string"].
    expect(() => serde.deserialize(Buffer.from([14, 0, 0, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'SERDES_AVRO_CORRUPT' }),
    );
  });

  it('refuses to encode a value with a wrong field, naming the field and the expected type', () => {
    const bad = { ...value, amount: 'twelve' } as unknown as SourceTransaction;
    expect(() => serde.serialize(bad)).toThrow(
      expect.objectContaining({
        code: 'SERDES_VALIDATION',
        message: expect.stringMatching(/amount: expected .*\(got "twelve"\)/),
      }),
    );
  });

  it('rejects a schema avsc cannot parse with SERDES_INVALID_OPTIONS', () => {
    expect(() => avroSerde({ type: 'record', name: 'X', fields: [{ name: 'a', type: 'nope' }] })).toThrow(
      expect.objectContaining({ code: 'SERDES_INVALID_OPTIONS', domain: 'internal' }),
    );
  });
});
