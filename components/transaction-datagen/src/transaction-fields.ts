import type { CardTransaction } from '@fp/card-transactions';
import { createHash } from 'node:crypto';

/** Hopsworks' simulator: card numbers 1..999. */
export const MAX_CARD_NUMBER = 999;
/** Hopsworks' simulator: tid = sha256("type" + n), n in 1..9999, so tids repeat. */
export const MAX_TID_N = 9_999;

// 9999 hashes of 64 chars (about 1.3 MB), computed once each, so a backfill of millions of events
// does not hash per event.
const tidCache: (string | undefined)[] = [];

/** Lowercase hex SHA-256 of `"type" + n`, as Hopsworks' simulator writes `tid`. */
export function transactionId(n: number): string {
  let tid = tidCache[n];
  if (tid === undefined) {
    tid = createHash('sha256').update(`type${n}`).digest('hex');
    tidCache[n] = tid;
  }
  return tid;
}

/**
 * One simulated transaction at `datetimeMs`. Draws, in this order (part of the seed contract):
 * `cc_num` uniform in 1..999, `amount` uniform in [0, 1), the tid's n uniform in 1..9999.
 */
export function drawTransaction(random: () => number, datetimeMs: number): CardTransaction {
  const ccNum = 1 + Math.floor(random() * MAX_CARD_NUMBER);
  const amount = random();
  const n = 1 + Math.floor(random() * MAX_TID_N);
  return { tid: transactionId(n), datetime: datetimeMs, cc_num: ccNum, amount };
}
