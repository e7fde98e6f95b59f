import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { plainDataStateCodec as defaultCodec } from './plain-data-state-codec';
import type { StateCodec } from './types';
import { v8StateCodec as v8Codec } from './v8-state-codec';

// Both are exported as `StateCodec<never>`, to fit a store of any value type.
const plainDataStateCodec = defaultCodec as StateCodec<unknown>;
const v8StateCodec = v8Codec as StateCodec<unknown>;

const roundTrip = (value: unknown): unknown => plainDataStateCodec.decode(plainDataStateCodec.encode(value));

describe('plainDataStateCodec', () => {
  it('writes numbers in 9 bytes and reads them back exactly, NaN, infinities and -0 included', () => {
    for (const value of [0, 1, -1.5, 2 ** 53 + 2, Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, -Infinity]) {
      expect(plainDataStateCodec.encode(value)).toHaveLength(9);
      expect(roundTrip(value)).toBe(value);
    }
    expect(Object.is(roundTrip(-0), -0)).toBe(true);
  });

  it('writes flat objects of numbers compactly, read back equal with their field order', () => {
    const moments = { n: 3, mean: 12.5, m2: -0 };
    const encoded = plainDataStateCodec.encode(moments);
    expect(encoded[0]).toBe(0x02);
    expect(encoded.length).toBeLessThanOrEqual(serialize(moments).length + 8);
    const decoded = roundTrip(moments) as Record<string, number>;
    expect(decoded).toEqual(moments);
    expect(Object.keys(decoded)).toEqual(['n', 'mean', 'm2']);
    expect(Object.is(decoded['m2'], -0)).toBe(true);

    const unusual = { '2': 1, 'émoji 🙂': Number.NaN, '': 7, b: Number.NEGATIVE_INFINITY };
    expect(Object.keys(roundTrip(unusual) as object)).toEqual(Object.keys(unusual));
    expect(roundTrip(unusual)).toEqual(unusual);
    expect(roundTrip({})).toEqual({});
    // A frozen accumulator (a shared empty one) comes back as a plain, writable object.
    expect(Object.isFrozen(roundTrip(Object.freeze({ n: 0 })))).toBe(false);
  });

  it('leaves everything else to v8.serialize, with the same result as v8StateCodec', () => {
    const values: unknown[] = [
      'text',
      null,
      true,
      12n,
      [1, 2, 3],
      { n: 1, label: 'x' },
      { nested: { n: 1 } },
      { n: 1, missing: undefined },
      new Map([['a', 1]]),
      new Set([1]),
      new Date(0),
      Object.assign(Object.create(null) as object, { n: 1 }),
      JSON.parse('{"__proto__": 1}'),
      { [`${'x'.repeat(256)}`]: 1 },
      Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`f${i}`, i])),
    ];
    for (const value of values) {
      const encoded = plainDataStateCodec.encode(value);
      expect(encoded[0]).toBe(0xff);
      expect(plainDataStateCodec.decode(encoded)).toEqual(v8StateCodec.decode(v8StateCodec.encode(value)));
    }
    // The own field named __proto__ stays a field, as V8 keeps it (an assignment would set the prototype).
    expect(Object.getPrototypeOf(roundTrip(JSON.parse('{"__proto__": 1}')))).toBe(Object.prototype);
  });

  it('reads what v8StateCodec wrote, so stores and changelogs written before stay readable', () => {
    for (const value of [42, { n: 3, mean: 1.5, m2: 0.5 }, ['a']]) {
      expect(plainDataStateCodec.decode(v8StateCodec.encode(value))).toEqual(value);
    }
  });

  it('rejects truncated, overlong or unknown bytes instead of reading garbage', () => {
    const record = plainDataStateCodec.encode({ n: 1, mean: 2 });
    expect(() => plainDataStateCodec.decode(record.subarray(0, record.length - 1))).toThrow();
    expect(() => plainDataStateCodec.decode(Buffer.concat([record, Buffer.from([0])]))).toThrow(/1 bytes left/);
    expect(() => plainDataStateCodec.decode(plainDataStateCodec.encode(1).subarray(0, 5))).toThrow(/9 bytes/);
    expect(() => plainDataStateCodec.decode(Buffer.from([0x07, 1]))).toThrow(/unknown value tag 7/);
    expect(() => plainDataStateCodec.decode(Buffer.alloc(0))).toThrow(/unknown value tag/);
  });
});
