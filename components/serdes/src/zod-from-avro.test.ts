import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AvroValue } from './avro-value';
import { toAvroType } from './avro-type';
import { zodFromAvro } from './zod-from-avro';

const sourceTransaction = {
  type: 'record',
  name: 'SourceTransaction',
  namespace: 'fp.cards',
  fields: [
    { name: 'tid', type: ['null', 'string'], default: null },
    { name: 'datetime', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
    { name: 'cc_num', type: ['null', 'long'], default: null },
    { name: 'amount', type: ['null', 'double'], default: null },
  ],
} as const;

describe('zodFromAvro()', () => {
  const schema = zodFromAvro(sourceTransaction);

  it('maps ["null", T] to nullable T, long and timestamp-millis to integer numbers', () => {
    expect(schema.parse({ tid: 't', datetime: 1_700_000_000_000, cc_num: 42, amount: 1.5 })).toEqual({
      tid: 't',
      datetime: 1_700_000_000_000,
      cc_num: 42,
      amount: 1.5,
    });
    expect(schema.parse({ tid: null, datetime: null, cc_num: null, amount: null })).toBeTruthy();
    expect(schema.safeParse({ tid: 't', datetime: 1.5, cc_num: 1, amount: 1 }).success).toBe(false);
  });

  it('requires every field, since Avro always writes every field', () => {
    expect(schema.safeParse({ tid: 't', datetime: null, cc_num: null }).success).toBe(false);
  });

  it('accepts what avsc decodes for the same schema', () => {
    const type = toAvroType(sourceTransaction, 'test schema');
    for (let n = 0; n < 50; n += 1) {
      const decoded: unknown = type.fromBuffer(type.toBuffer(type.random()));
      expect(schema.safeParse(decoded).success).toBe(true);
    }
  });

  it('maps int to the int32 range, enums, arrays, maps, bytes, fixed and named references', () => {
    const order = zodFromAvro({
      type: 'record',
      name: 'Order',
      namespace: 'shop',
      fields: [
        { name: 'qty', type: 'int' },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['OPEN', 'DONE'] } },
        { name: 'previous', type: 'shop.Status' },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'attrs', type: { type: 'map', values: 'long' } },
        { name: 'blob', type: 'bytes' },
        { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 2 } },
        { name: 'flag', type: 'boolean' },
        { name: 'either', type: ['string', 'int'] },
      ],
    });
    const valid = {
      qty: 3,
      status: 'OPEN',
      previous: 'DONE',
      tags: ['a'],
      attrs: { k: 1 },
      blob: Buffer.from('x'),
      hash: Buffer.from('ab'),
      flag: true,
      either: 'x',
    };
    expect(order.safeParse(valid).success).toBe(true);
    expect(order.safeParse({ ...valid, qty: 2 ** 31 }).success).toBe(false);
    expect(order.safeParse({ ...valid, status: 'LOST' }).success).toBe(false);
    expect(order.safeParse({ ...valid, either: true }).success).toBe(false);
  });

  it('follows recursive records', () => {
    const node = zodFromAvro({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'value', type: 'int' },
        { name: 'next', type: ['null', 'Node'] },
      ],
    });
    expect(node.safeParse({ value: 1, next: { value: 2, next: null } }).success).toBe(true);
    expect(node.safeParse({ value: 1, next: { value: 'two', next: null } }).success).toBe(false);
  });

  it('types its result after a schema declared as const, so the record is declared once', () => {
    const row = {
      type: 'record',
      name: 'Row',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'email', type: ['null', 'string'], default: null },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['a', 'b'] } },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'scores', type: { type: 'map', values: 'double' } },
        { name: 'inner', type: { type: 'record', name: 'Inner', fields: [{ name: 'ok', type: 'boolean' }] } },
        { name: 'raw', type: 'bytes' },
      ],
    } as const;
    type Row = {
      id: number;
      email: string | null;
      at: number;
      kind: 'a' | 'b';
      tags: string[];
      scores: Record<string, number>;
      inner: { ok: boolean };
      raw: Buffer;
    };
    expectTypeOf<AvroValue<typeof row>>().toEqualTypeOf<Row>();
    const schema = zodFromAvro(row);
    expectTypeOf(schema.parse).returns.toEqualTypeOf<Row>();
    const value: Row = {
      id: 1,
      email: null,
      at: 0,
      kind: 'b',
      tags: ['x'],
      scores: { s: 0.5 },
      inner: { ok: true },
      raw: Buffer.from('r'),
    };
    expect(schema.parse(value)).toEqual(value);
    expect(toAvroType(row, 'row').isValid(value)).toBe(true);
  });

  it('rejects an unknown type name with SERDES_INVALID_OPTIONS', () => {
    expect(() => zodFromAvro({ type: 'record', name: 'X', fields: [{ name: 'a', type: 'Missing' }] })).toThrow(
      expect.objectContaining({ code: 'SERDES_INVALID_OPTIONS' }),
    );
  });

  it('accepts a parsed avsc Type', () => {
    expect(
      zodFromAvro(toAvroType(sourceTransaction, 'test schema')).safeParse({
        tid: 'x',
        datetime: 1,
        cc_num: 1,
        amount: 1,
      }).success,
    ).toBe(true);
  });
});
