import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SerdesError } from './errors';
import { jsonKeySerde, jsonSerde } from './json-serde';

const transaction = z.object({
  tid: z.string(),
  amount: z.number(),
  items: z.array(z.object({ sku: z.string(), qty: z.number().int() })),
});

function decodeError(decode: () => unknown): SerdesError {
  try {
    decode();
  } catch (error) {
    if (error instanceof SerdesError) return error;
    throw error;
  }
  throw new Error('expected decode to throw');
}

describe('jsonSerde()', () => {
  const serde = jsonSerde(transaction);

  it('round-trips a valid value as UTF-8 JSON', () => {
    const value = { tid: 't-1', amount: 12.5, items: [{ sku: 'é', qty: 2 }] };
    const bytes = serde.serialize(value);
    expect(bytes.toString('utf8')).toBe('{"tid":"t-1","amount":12.5,"items":[{"sku":"é","qty":2}]}');
    expect(serde.deserialize(bytes)).toEqual(value);
  });

  it('rejects a JSON syntax error with SERDES_JSON_SYNTAX, quoting the start of the payload', () => {
    const error = decodeError(() => serde.deserialize(Buffer.from('{"tid": "t-1",')));
    expect(error.code).toBe('SERDES_JSON_SYNTAX');
    expect(error.domain).toBe('data');
    expect(error.message).toContain('not valid JSON');
    expect(error.message).toContain('{\\"tid\\": \\"t-1\\",');
  });

  it('rejects a schema mismatch with SERDES_VALIDATION naming the path, what was expected and what was found', () => {
    const payload = {
      tid: 't-1',
      amount: '12.5',
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 1.5 },
      ],
    };
    const error = decodeError(() => serde.deserialize(Buffer.from(JSON.stringify(payload))));
    expect(error.code).toBe('SERDES_VALIDATION');
    expect(error.domain).toBe('data');
    expect(error.message).toMatch(/amount: .*expected number.*\(got "12\.5"\)/);
    expect(error.message).toMatch(/items\[1\]\.qty: .*int.*\(got 1\.5\)/);
  });

  it('reports a missing field as missing', () => {
    const error = decodeError(() => serde.deserialize(Buffer.from('{"amount":1,"items":[]}')));
    expect(error.message).toMatch(/tid: .*expected string.*\(got undefined \(missing\)\)/);
  });

  it('refuses to encode a value JSON cannot represent with SERDES_VALIDATION', () => {
    const anything = jsonSerde(z.unknown());
    expect(() => anything.serialize({ n: 1n })).toThrow(expect.objectContaining({ code: 'SERDES_VALIDATION' }));
  });
});

describe('jsonKeySerde()', () => {
  const keySerde = jsonKeySerde(z.object({ ref: z.string(), region: z.string() }));

  it('writes fields in schema order, so equal keys give equal bytes', () => {
    const a = keySerde.serialize({ ref: 'r1', region: 'eu' });
    const b = keySerde.serialize({ region: 'eu', ref: 'r1' } as { ref: string; region: string });
    expect(a.toString()).toBe('{"ref":"r1","region":"eu"}');
    expect(b.equals(a)).toBe(true);
  });

  it('decodes and validates like jsonSerde', () => {
    expect(keySerde.deserialize(Buffer.from('{"ref":"r1","region":"eu"}'))).toEqual({ ref: 'r1', region: 'eu' });
    expect(() => keySerde.deserialize(Buffer.from('{"ref":1}'))).toThrow(
      expect.objectContaining({ code: 'SERDES_VALIDATION' }),
    );
  });

  it('refuses to encode a key that does not match its schema', () => {
    expect(() => keySerde.serialize({ ref: 'r1' } as { ref: string; region: string })).toThrow(
      expect.objectContaining({ code: 'SERDES_VALIDATION' }),
    );
  });
});
