import { describe, expect, it } from 'vitest';
import { bigintSerde, bytesSerde, numberSerde, stringSerde } from './primitive-serdes';

describe('stringSerde', () => {
  it('round-trips UTF-8 text', () => {
    expect(stringSerde.serialize('café').equals(Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9]))).toBe(true);
    expect(stringSerde.deserialize(stringSerde.serialize('café'))).toBe('café');
  });
});

describe('numberSerde', () => {
  it('writes the card features key 42 as the text "42" and reads it back', () => {
    expect(numberSerde.serialize(42).toString()).toBe('42');
    expect(numberSerde.deserialize(Buffer.from('42'))).toBe(42);
  });

  it.each(['-3.5', '1e3', '0'])('reads the decimal %s', (text) => {
    expect(numberSerde.deserialize(Buffer.from(text))).toBe(Number(text));
  });

  it.each(['', ' 42', '0x2a', 'NaN', 'Infinity', '42abc', '1e999'])('rejects %j with SERDES_VALIDATION', (text) => {
    expect(() => numberSerde.deserialize(Buffer.from(text))).toThrow(
      expect.objectContaining({ code: 'SERDES_VALIDATION', domain: 'data' }),
    );
  });

  it('refuses to encode NaN', () => {
    expect(() => numberSerde.serialize(Number.NaN)).toThrow(expect.objectContaining({ code: 'SERDES_VALIDATION' }));
  });
});

describe('bigintSerde', () => {
  it('keeps a long beyond 2^53 exact', () => {
    const beyondSafe = 9_007_199_254_740_993n;
    expect(bigintSerde.serialize(beyondSafe).toString()).toBe('9007199254740993');
    expect(bigintSerde.deserialize(Buffer.from('9007199254740993'))).toBe(beyondSafe);
    expect(bigintSerde.deserialize(Buffer.from('-5'))).toBe(-5n);
  });

  it('rejects a fraction with SERDES_VALIDATION', () => {
    expect(() => bigintSerde.deserialize(Buffer.from('1.5'))).toThrow(
      expect.objectContaining({ code: 'SERDES_VALIDATION' }),
    );
  });
});

describe('bytesSerde', () => {
  it('passes bytes through without copying', () => {
    const bytes = Buffer.from([1, 2, 3]);
    expect(bytesSerde.serialize(bytes)).toBe(bytes);
    expect(bytesSerde.deserialize(bytes)).toBe(bytes);
  });
});
