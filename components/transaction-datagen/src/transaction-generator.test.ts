import { cardTransactionSchema, rawTransactionSerde } from '@fp/card-transactions';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TransactionDatagenError } from './errors';
import { createTransactionGenerator } from './transaction-generator';

const NOW_MS = 1_700_000_000_000;

function draw(seed: number, total: number, now: () => number = () => NOW_MS) {
  const generator = createTransactionGenerator({ seed, now });
  return Array.from({ length: total }, () => generator.next());
}

describe('createTransactionGenerator()', () => {
  it('gives the same transactions for the same seed and clock, and others for another seed', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    expect(draw(42, 100)).not.toEqual(draw(43, 100));
  });

  it('stamps datetime with the injected clock, read once per transaction', () => {
    let clockMs = NOW_MS;
    const stamped = draw(1, 3, () => (clockMs += 5));
    expect(stamped.map((transaction) => transaction.datetime)).toEqual([NOW_MS + 5, NOW_MS + 10, NOW_MS + 15]);
  });

  it('draws cc_num in 1..999, amount in [0, 1) and tid as sha256("type" + n) with n in 1..9999', () => {
    const transactions = draw(7, 20_000);
    const tidToN = new Map(
      Array.from({ length: 9_999 }, (_, i) => [
        createHash('sha256')
          .update(`type${i + 1}`)
          .digest('hex'),
        i + 1,
      ]),
    );
    const cards = new Set<number>();
    let minAmount = 1;
    let maxAmount = 0;
    for (const { cc_num: ccNum, amount, tid } of transactions) {
      expect(Number.isInteger(ccNum) && ccNum >= 1 && ccNum <= 999).toBe(true);
      expect(tidToN.has(String(tid))).toBe(true);
      cards.add(ccNum);
      minAmount = Math.min(minAmount, amount);
      maxAmount = Math.max(maxAmount, amount);
    }
    // 20000 draws over 999 cards: every card is hit (missing one has probability ~ 999 e^-20).
    expect(cards.size).toBe(999);
    expect(minAmount).toBeGreaterThanOrEqual(0);
    expect(minAmount).toBeLessThan(0.001);
    expect(maxAmount).toBeLessThan(1);
    expect(maxAmount).toBeGreaterThan(0.999);
    expect(transactions[0]?.tid).toMatch(/^[0-9a-f]{64}$/);
    // tids repeat: 20000 draws from 9999 values.
    expect(new Set(transactions.map(({ tid }) => tid)).size).toBeLessThan(9_999);
  });

  it('writes transactions the card features accept, encodable as raw Avro', () => {
    const serde = rawTransactionSerde();
    for (const transaction of draw(3, 50)) {
      expect(cardTransactionSchema.parse(serde.deserialize(serde.serialize(transaction)))).toEqual(transaction);
    }
  });

  it('rejects a seed that is not an integer, and a missing clock, with TRANSACTION_DATAGEN_INVALID_OPTIONS', () => {
    expect(() => createTransactionGenerator({ seed: 1.5, now: () => 0 })).toThrow(TransactionDatagenError);
    expect(() => createTransactionGenerator({ seed: 1.5, now: () => 0 })).toThrow(/seed must be an integer, got 1.5/);
    expect(() => createTransactionGenerator({ seed: 1, now: undefined as never })).toThrow(/now must be a clock/);
  });
});
