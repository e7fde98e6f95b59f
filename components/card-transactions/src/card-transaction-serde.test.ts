import { describe, expect, it } from 'vitest';
import { cardTransactionSerde } from './card-transaction-serde';
import { CardTransactionsError } from './errors';
import { rawTransactionSerde } from './raw-serdes';
import { cardTransactionSchema, type SourceTransaction } from './source-transaction';

const valid: SourceTransaction = { tid: 'ab12', datetime: 1_700_000_000_000, cc_num: 42, amount: 0.5 };

describe('cardTransactionSerde()', () => {
  const raw = rawTransactionSerde();
  const serde = cardTransactionSerde(raw);

  it('decodes a complete transaction, and one without tid (the features do not use it)', () => {
    expect(serde.deserialize(raw.serialize(valid))).toEqual(valid);
    expect(serde.deserialize(raw.serialize({ ...valid, tid: null }))).toEqual({ ...valid, tid: null });
  });

  it('accepts exactly what cardTransactionSchema accepts, as a plain object with the schema fields', () => {
    const values = [0, -0, 1.5, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY, null, '7'];
    const candidates = [
      ...values.flatMap((value) => [
        { ...valid, datetime: value },
        { ...valid, cc_num: value },
        { ...valid, amount: value },
      ]),
      { ...valid, tid: 7 },
      { ...valid, extra: true },
    ] as unknown as SourceTransaction[];
    for (const candidate of candidates) {
      const serdeOverDecoded = cardTransactionSerde({ serialize: () => Buffer.alloc(0), deserialize: () => candidate });
      const expected = cardTransactionSchema.safeParse(candidate);
      if (expected.success) expect(serdeOverDecoded.deserialize(Buffer.alloc(0))).toStrictEqual(expected.data);
      else expect(() => serdeOverDecoded.deserialize(Buffer.alloc(0))).toThrow(CardTransactionsError);
    }
  });

  it.each(['cc_num', 'datetime', 'amount'] as const)(
    'rejects a transaction whose %s is null with CARD_TRANSACTIONS_UNUSABLE_TRANSACTION (domain data)',
    (field) => {
      const bytes = raw.serialize({ ...valid, [field]: null });
      let caught: unknown;
      try {
        serde.deserialize(bytes);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CardTransactionsError);
      expect(caught).toMatchObject({ code: 'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION', domain: 'data' });
      expect((caught as Error).message).toContain(field);
    },
  );

  it('encodes with the wrapped serde, unchanged', () => {
    expect(serde.serialize(valid as never)).toEqual(raw.serialize(valid));
  });

  it('keeps the wrapped serde prepare hook, so a registry-backed serde still fetches writer schemas', async () => {
    const prepared: number[] = [];
    const wrapped = cardTransactionSerde({
      ...raw,
      prepare: (payloads) => {
        prepared.push(payloads.length);
        return Promise.resolve();
      },
    });
    await wrapped.prepare?.([Buffer.alloc(1), Buffer.alloc(2)]);
    expect(prepared).toEqual([2]);
    expect(cardTransactionSerde(raw).prepare).toBeUndefined();
  });
});
