import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertZodMatchesAvro } from './testing';

const sourceTransactionAvro = {
  type: 'record',
  name: 'SourceTransaction',
  fields: [
    { name: 'tid', type: ['null', 'string'], default: null },
    { name: 'datetime', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
    { name: 'cc_num', type: ['null', 'long'], default: null },
    { name: 'amount', type: ['null', 'double'], default: null },
  ],
} as const;

const sourceTransactionZod = z.object({
  tid: z.string().nullable(),
  datetime: z.number().int().nullable(),
  cc_num: z.number().int().nullable(),
  amount: z.number().nullable(),
});

describe('assertZodMatchesAvro()', () => {
  it('accepts a zod schema that describes the same record', () => {
    expect(() => assertZodMatchesAvro(sourceTransactionZod, sourceTransactionAvro)).not.toThrow();
  });

  it('reports a field missing from zod', () => {
    const missing = sourceTransactionZod.omit({ amount: true });
    expect(() => assertZodMatchesAvro(missing, sourceTransactionAvro)).toThrow('amount: in Avro, missing from zod');
  });

  it('reports a field missing from Avro', () => {
    const extra = sourceTransactionZod.extend({ currency: z.string().nullable() });
    expect(() => assertZodMatchesAvro(extra, sourceTransactionAvro)).toThrow('currency: in zod, missing from Avro');
  });

  it('reports a field optional in zod', () => {
    const optional = sourceTransactionZod.extend({ tid: z.string().nullable().optional() });
    expect(() => assertZodMatchesAvro(optional, sourceTransactionAvro)).toThrow('tid: optional in zod');
  });

  it('reports a nullable Avro field that zod does not accept null for', () => {
    const notNullable = sourceTransactionZod.extend({ amount: z.number() });
    expect(() => assertZodMatchesAvro(notNullable, sourceTransactionAvro)).toThrow(
      /amount: zod rejects an Avro-valid value/,
    );
  });

  it('reports a zod transform whose output Avro cannot encode', () => {
    const transformed = sourceTransactionZod.extend({
      tid: z
        .string()
        .nullable()
        .transform((tid) => (tid === null ? 0 : tid)),
    });
    expect(() => assertZodMatchesAvro(transformed, sourceTransactionAvro)).toThrow(
      /tid: zod outputs 0, which Avro cannot encode/,
    );
  });
});
