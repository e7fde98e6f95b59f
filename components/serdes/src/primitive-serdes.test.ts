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

  it('writes every number as String() does, integers digit by digit included', () => {
    const powers = Array.from({ length: 16 }, (_, exponent) => 10 ** exponent);
    const values = [
      0,
      -0,
      7,
      -7,
      999,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      2 ** 53,
      1e21,
      0.1,
      -2.5e-7,
      ...powers.flatMap((power) => [power - 1, power, -power, power + 1]),
    ];
    for (const value of values) expect(numberSerde.serialize(value).toString('utf8')).toBe(String(value));
  });

  it('reads integer text as Number() does: signs, leading zeros, and past 15 digits', () => {
    const texts = ['-0', '007', '-42', '999999999999999', '-999999999999999', '9007199254740993', '1234567890123456'];
    for (const text of texts) expect(Object.is(numberSerde.deserialize(Buffer.from(text)), Number(text))).toBe(true);
  });

  it.each(['', '-', '--1', ' 42', '4 2', '0x2a', 'NaN', 'Infinity', '42abc', '1e999'])(
    'rejects %j with SERDES_VALIDATION',
    (text) => {
      expect(() => numberSerde.deserialize(Buffer.from(text))).toThrow(
        expect.objectContaining({ code: 'SERDES_VALIDATION', domain: 'data' }),
      );
    },
  );

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
