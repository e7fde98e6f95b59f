import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const cardTransactionsErrorCodes = ['CARD_TRANSACTIONS_INVALID_OPTIONS'] as const;
export type CardTransactionsErrorCode = (typeof cardTransactionsErrorCodes)[number];

export class CardTransactionsError extends PipelineError<CardTransactionsErrorCode> {
  constructor(code: CardTransactionsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
