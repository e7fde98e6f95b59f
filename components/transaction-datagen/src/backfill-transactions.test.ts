import { describe, expect, it } from 'vitest';
import { backfillTransactions } from './backfill-transactions';
import { createTransactionGenerator } from './transaction-generator';

const FROM_MS = 1_700_000_000_000;
const HOUR_MS = 3_600_000;

describe('backfillTransactions()', () => {
  it('spreads count transactions evenly over [fromMs, toMs), in non-decreasing time order', () => {
    // 4 over 1000 ms: fromMs + floor(i * 1000 / 4) = +0, +250, +500, +750.
    const times = [...backfillTransactions({ seed: 1, count: 4, fromMs: 0, toMs: 1_000 })].map((t) => t.datetime);
    expect(times).toEqual([0, 250, 500, 750]);
  });

  it('draws the same fields as the live generator with the same seed', () => {
    const backfilled = [...backfillTransactions({ seed: 9, count: 20, fromMs: FROM_MS, toMs: FROM_MS + HOUR_MS })];
    const live = createTransactionGenerator({ seed: 9, now: () => 0 });
    const withoutTime = ({ tid, cc_num, amount }: { tid: string | null; cc_num: number; amount: number }) => ({
      tid,
      cc_num,
      amount,
    });
    expect(backfilled.map(withoutTime)).toEqual(backfilled.map(() => withoutTime(live.next())));
  });

  it('keeps jittered transactions within maxJitterMs of the newest before them, and inside the range', () => {
    const maxJitterMs = 30_000;
    let newestMs = -Infinity;
    let outOfOrder = 0;
    for (const { datetime } of backfillTransactions({
      seed: 5,
      count: 10_000,
      fromMs: FROM_MS,
      toMs: FROM_MS + HOUR_MS,
      maxJitterMs,
    })) {
      if (datetime < newestMs) outOfOrder++;
      if (datetime < newestMs - maxJitterMs || datetime < FROM_MS || datetime >= FROM_MS + HOUR_MS) {
        throw new Error(`datetime ${datetime} is outside the range or too far behind ${newestMs}`);
      }
      newestMs = Math.max(newestMs, datetime);
    }
    expect(outOfOrder).toBeGreaterThan(0);
  });

  it('generates 5,000,000 transactions lazily, in order, without building an array', () => {
    const iterator = backfillTransactions({ seed: 2, count: 5_000_000, fromMs: FROM_MS, toMs: FROM_MS + 24 * HOUR_MS });
    let total = 0;
    let previousMs = -Infinity;
    let decreases = 0;
    for (const { datetime } of iterator) {
      if (datetime < previousMs) decreases++;
      previousMs = datetime;
      total++;
    }
    expect(total).toBe(5_000_000);
    expect(decreases).toBe(0);
    expect(previousMs).toBeLessThan(FROM_MS + 24 * HOUR_MS);
  });

  it('is lazy: nothing is drawn before the first next()', () => {
    const iterator = backfillTransactions({ seed: 2, count: Number.MAX_SAFE_INTEGER, fromMs: 0, toMs: 1 });
    expect(iterator.next().done).toBe(false);
  });

  it.each([
    [{ count: -1 }, /count must be an integer >= 0/],
    [{ count: 1.5 }, /count must be an integer >= 0/],
    [{ fromMs: 10, toMs: 10 }, /fromMs < toMs/],
    [{ maxJitterMs: -5 }, /maxJitterMs must be an integer >= 0/],
    [{ seed: Number.NaN }, /seed must be an integer/],
  ])('rejects %o with TRANSACTION_DATAGEN_INVALID_OPTIONS', (bad, message) => {
    const options = { seed: 1, count: 10, fromMs: 0, toMs: 1_000, ...bad };
    expect(() => backfillTransactions(options)).toThrow(message);
    expect(() => backfillTransactions(options)).toThrow(
      expect.objectContaining({ code: 'TRANSACTION_DATAGEN_INVALID_OPTIONS' }),
    );
  });
});
