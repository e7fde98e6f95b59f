import { aggregator, stddevSample, type Aggregator, type MomentsAccumulator } from '@fp/windowing';
import type { CardTransaction } from './source-transaction';

/** What one (card, window) aggregates to. */
export interface TransactionStats {
  readonly count: number;
  /** Mean amount; 0 for an empty accumulator (never emitted: empty windows do not fire). */
  readonly mean: number;
  /** Sample standard deviation of the amounts (divides by n - 1); 0 for a single transaction. */
  readonly stddevSample: number;
}

/**
 * Count, mean and sample standard deviation of `amount` from ONE Welford accumulator (count, mean
 * and sum of squared deviations), so a window stores three numbers whatever its size, and
 * amounts far from zero keep their digits (unlike sum of squares).
 */
export function transactionAggregator(): Aggregator<CardTransaction, MomentsAccumulator, TransactionStats> {
  const moments = stddevSample((transaction: CardTransaction) => transaction.amount);
  return aggregator({
    init: moments.init,
    add: moments.add,
    merge: moments.merge,
    result: (acc) => ({
      count: acc.n,
      mean: acc.n === 0 ? 0 : acc.mean,
      stddevSample: moments.result(acc),
    }),
  });
}
