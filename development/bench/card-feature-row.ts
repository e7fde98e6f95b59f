import type { TransactionAgg } from '@fp/card-transactions';

const WINDOW_MS = 10 * 60_000;

/** The feature row the online-store benches materialise for one card: one 10-minute window ending at `windowEndMs`. */
export function cardFeatureRow(card: number, windowEndMs: number): TransactionAgg {
  return {
    cc_num: card,
    num_trans_per_10m: 1 + (card % 7),
    avg_amt_per_10m: (card % 1_000) / 10,
    stdev_amt_per_10m: (card % 13) / 3,
    window_start: windowEndMs - WINDOW_MS,
    window_end: windowEndMs,
  };
}
