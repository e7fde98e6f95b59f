import { numberSerde, stringSerde, type Serde } from '@fp/serdes';
import { v8Serde } from '@fp/topology';
import { describe, expect, it, vi } from 'vitest';
import { createStateKeyCodec } from './state-key';

describe('createStateKeyCodec()', () => {
  it('encodes a key as the base64 of its serde bytes and decodes it back', () => {
    const keys = createStateKeyCodec(stringSerde);
    const stateKey = keys.encode('ann\u0000bob');
    expect(stateKey).toBe(Buffer.from('ann\u0000bob').toString('base64'));
    expect(stateKey).not.toContain('\u0000');
    expect(createStateKeyCodec(stringSerde).decode(stateKey)).toBe('ann\u0000bob');
  });

  it('serializes a repeated string or number key once', () => {
    const serialize = vi.fn(numberSerde.serialize);
    const keys = createStateKeyCodec<number>({ ...numberSerde, serialize });
    expect([keys.encode(42), keys.encode(42), keys.encode(7)]).toEqual(['NDI=', 'NDI=', 'Nw==']);
    expect(serialize).toHaveBeenCalledTimes(2);
  });

  it('keeps -0 and 0 apart when the serde does', () => {
    const keys = createStateKeyCodec(v8Serde as Serde<number>);
    expect(keys.encode(0)).not.toBe(keys.encode(-0));
    expect(Object.is(createStateKeyCodec(v8Serde as Serde<number>).decode(keys.encode(-0)), -0)).toBe(true);
  });

  it('serializes object keys every time, since they may change in place', () => {
    const keys = createStateKeyCodec(v8Serde as Serde<{ user: string }>);
    const key = { user: 'ann' };
    const before = keys.encode(key);
    key.user = 'bob';
    expect(keys.encode(key)).not.toBe(before);
  });
});
