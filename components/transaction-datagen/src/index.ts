/**
 * @fp/transaction-datagen: Hopsworks' card-transaction simulator, seeded. `cc_num` uniform 1..999,
 * `amount` uniform [0, 1), `tid` = lowercase hex SHA-256 of `"type" + n` (n uniform 1..9999, so tids
 * repeat), `datetime` = the injected clock (live) or spread over a past range (backfill). The same
 * seed gives the same transactions; pacing and writing are the caller's.
 */
export { backfillTransactions } from './backfill-transactions';
export { createTransactionGenerator, DEFAULT_TRANSACTIONS_PER_SECOND } from './transaction-generator';
export { MAX_CARD_NUMBER, MAX_TID_N, transactionId } from './transaction-fields';
export { mulberry32 } from './mulberry32';
export { TransactionDatagenError, transactionDatagenErrorCodes } from './errors';

export type { BackfillOptions } from './backfill-transactions';
export type { TransactionDatagenErrorCode } from './errors';
export type { TransactionGenerator, TransactionGeneratorOptions } from './transaction-generator';
