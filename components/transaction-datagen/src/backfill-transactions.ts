import type { CardTransaction } from '@fp/card-transactions';
import { TransactionDatagenError } from './errors';
import { mulberry32 } from './mulberry32';
import { drawTransaction } from './transaction-fields';
import { requireSeed } from './transaction-generator';

export interface BackfillOptions {
  readonly seed: number;
  /** How many transactions; a non-negative integer. */
  readonly count: number;
  /** The time range `[fromMs, toMs)` in epoch ms (integers, `fromMs < toMs`). */
  readonly fromMs: number;
  readonly toMs: number;
  /**
   * Moves each transaction back by up to this many ms (uniform, never before `fromMs`), so the
   * stream is out of order by at most `maxJitterMs`. Default 0: non-decreasing `datetime`. Keep
   * it under the pipeline's out-of-orderness (60 s for the card features) or records become late.
   */
  readonly maxJitterMs?: number;
}

/**
 * `count` simulated transactions spread evenly over `[fromMs, toMs)`, for backfills and
 * benchmarks: the i-th is at `fromMs + floor(i * (toMs - fromMs) / count)` (minus the jitter),
 * so `datetime` never decreases without jitter. Fields are drawn as by
 * `createTransactionGenerator` with the same seed.
 *
 * Lazy: a generator, not an array, so 5,000,000 transactions take constant memory.
 *
 * @throws TransactionDatagenError `TRANSACTION_DATAGEN_INVALID_OPTIONS` for a bad count, range, jitter or seed
 * @example
 * for (const transaction of backfillTransactions({ seed: 1, count: 5_000_000, fromMs, toMs })) write(transaction);
 */
export function backfillTransactions(options: BackfillOptions): IterableIterator<CardTransaction> {
  const { seed, count, fromMs, toMs } = options;
  const maxJitterMs = options.maxJitterMs ?? 0;
  requireSeed('backfillTransactions', seed);
  const problems: string[] = [];
  if (!Number.isSafeInteger(count) || count < 0) problems.push(`count must be an integer >= 0, got ${String(count)}`);
  if (!Number.isSafeInteger(fromMs) || !Number.isSafeInteger(toMs) || fromMs >= toMs) {
    problems.push(
      `fromMs and toMs must be integer epoch ms with fromMs < toMs, got [${String(fromMs)}, ${String(toMs)})`,
    );
  }
  if (!Number.isSafeInteger(maxJitterMs) || maxJitterMs < 0) {
    problems.push(`maxJitterMs must be an integer >= 0, got ${String(maxJitterMs)}`);
  }
  if (problems.length > 0) {
    throw new TransactionDatagenError(
      'TRANSACTION_DATAGEN_INVALID_OPTIONS',
      `backfillTransactions: ${problems.join('; ')}`,
    );
  }
  return spread(mulberry32(seed), count, fromMs, toMs, maxJitterMs);
}

function* spread(
  random: () => number,
  count: number,
  fromMs: number,
  toMs: number,
  maxJitterMs: number,
): Generator<CardTransaction> {
  const stepMs = (toMs - fromMs) / count;
  for (let i = 0; i < count; i++) {
    const evenMs = fromMs + Math.floor(i * stepMs);
    // Drawn only with jitter, so a run without it is the live generator's sequence.
    const datetimeMs = maxJitterMs === 0 ? evenMs : Math.max(fromMs, evenMs - Math.floor(random() * (maxJitterMs + 1)));
    yield drawTransaction(random, datetimeMs);
  }
}
