import { PipelineError, type ErrorDomain } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const cardTransactionsErrorCodes = [
  'CARD_TRANSACTIONS_INVALID_OPTIONS',
  'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION',
] as const;
export type CardTransactionsErrorCode = (typeof cardTransactionsErrorCodes)[number];

/** Bad options are a bug in the base (crash); a transaction the pipeline cannot key or time is bad data. */
const DOMAIN_OF: Readonly<Record<CardTransactionsErrorCode, ErrorDomain>> = {
  CARD_TRANSACTIONS_INVALID_OPTIONS: 'internal',
  CARD_TRANSACTIONS_UNUSABLE_TRANSACTION: 'data',
};

export class CardTransactionsError extends PipelineError<CardTransactionsErrorCode> {
  constructor(code: CardTransactionsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: DOMAIN_OF[code], ...options });
  }
}
