import { describe, expect, it } from 'vitest';
import { CardTransactionsError } from './errors';
import { requireCardTransaction } from './require-card-transaction';
import { cardTransactionSchema, type SourceTransaction } from './source-transaction';

const valid: SourceTransaction = { tid: 'ab12', datetime: 1_700_000_000_000, cc_num: 42, amount: 0.5 };

describe('requireCardTransaction()', () => {
  it('passes a complete transaction, and one without tid (the features do not use it)', () => {
    expect(requireCardTransaction(valid)).toEqual(valid);
    expect(requireCardTransaction({ ...valid, tid: null })).toEqual({ ...valid, tid: null });
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
      const expected = cardTransactionSchema.safeParse(candidate);
      if (expected.success) expect(requireCardTransaction(candidate)).toStrictEqual(expected.data);
      else expect(() => requireCardTransaction(candidate)).toThrow(CardTransactionsError);
    }
  });

  it.each(['cc_num', 'datetime', 'amount'] as const)(
    'rejects a transaction whose %s is null with CARD_TRANSACTIONS_UNUSABLE_TRANSACTION (domain data)',
    (field) => {
      let caught: unknown;
      try {
        requireCardTransaction({ ...valid, [field]: null });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CardTransactionsError);
      expect(caught).toMatchObject({ code: 'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION', domain: 'data' });
      expect((caught as Error).message).toContain(field);
    },
  );
});
