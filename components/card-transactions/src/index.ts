/**
 * @fp/card-transactions: Card-transaction features: 10-minute windows advancing every minute with count, mean and sample standard deviation of amounts.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { CardTransactionsError, cardTransactionsErrorCodes } from './errors';
export type { CardTransactionsErrorCode } from './errors';
