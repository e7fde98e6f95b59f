import type { CardTransaction } from '@fp/card-transactions';
import { backfillTransactions } from '@fp/transaction-datagen';

const SEED = 7;
const MS_PER_HOUR = 3_600_000;
const HOURS_PER_DAY = 24;
const EVENTS_PER_DAY = 5_000_000;
/** A fixed start, so every run sees the same transactions. */
const START_MS = Date.UTC(2026, 0, 1);

/**
 * The hours that keep the card benches' density whatever the count: 5,000,000 transactions a day,
 * about 3.5 per card and minute.
 */
export function defaultCardBenchHours(events: number): number {
  return (events / EVENTS_PER_DAY) * HOURS_PER_DAY;
}

/** The card benches' transactions: the same seed and start in every bench, so their figures compare. */
export function cardBenchTransactions(
  events: number,
  hours = defaultCardBenchHours(events),
): IterableIterator<CardTransaction> {
  return backfillTransactions({ seed: SEED, count: events, fromMs: START_MS, toMs: START_MS + hours * MS_PER_HOUR });
}
