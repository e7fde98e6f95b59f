import type { CardTransaction } from '@fp/card-transactions';
import { TransactionDatagenError } from './errors';
import { mulberry32 } from './mulberry32';
import { drawTransaction } from './transaction-fields';

/** Hopsworks' simulator writes about 200 transactions per second; the base paces to this by default. */
export const DEFAULT_TRANSACTIONS_PER_SECOND = 200;

export interface TransactionGeneratorOptions {
  /** Any 32-bit integer; the same seed (and clock) gives the same transactions. */
  readonly seed: number;
  /** The clock that stamps `datetime` (epoch ms). */
  readonly now: () => number;
}

/** Live transactions, one per `next()`, stamped with the injected clock. */
export interface TransactionGenerator {
  next(): CardTransaction;
}

/**
 * Hopsworks' transaction simulator: `cc_num` uniform 1..999, `amount` uniform [0, 1), `tid` =
 * lowercase hex SHA-256 of `"type" + n` with n uniform 1..9999, `datetime` = `now()`. Seeded, so
 * a run can be reproduced. Pacing (events per second) is the caller's.
 *
 * @throws TransactionDatagenError `TRANSACTION_DATAGEN_INVALID_OPTIONS` for a seed that is not an integer or a missing clock
 * @example
 * const generator = createTransactionGenerator({ seed: 42, now: () => Date.now() });
 * producer.send(rawTransactionSerde().serialize(generator.next()));
 */
export function createTransactionGenerator(options: TransactionGeneratorOptions): TransactionGenerator {
  requireSeed('createTransactionGenerator', options.seed);
  if (typeof options.now !== 'function') {
    throw new TransactionDatagenError(
      'TRANSACTION_DATAGEN_INVALID_OPTIONS',
      'createTransactionGenerator: now must be a clock function returning epoch ms, e.g. () => Date.now()',
    );
  }
  const random = mulberry32(options.seed);
  const { now } = options;
  return { next: () => drawTransaction(random, now()) };
}

export function requireSeed(caller: string, seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new TransactionDatagenError(
      'TRANSACTION_DATAGEN_INVALID_OPTIONS',
      `${caller}: seed must be an integer, got ${String(seed)}`,
    );
  }
}
