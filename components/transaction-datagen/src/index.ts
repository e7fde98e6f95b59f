/**
 * @fp/transaction-datagen: Seeded generator of card transactions, live or as a backfill over a past time range.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { TransactionDatagenError, transactionDatagenErrorCodes } from './errors';
export type { TransactionDatagenErrorCode } from './errors';
