import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const transactionDatagenErrorCodes = ['TRANSACTION_DATAGEN_INVALID_OPTIONS'] as const;
export type TransactionDatagenErrorCode = (typeof transactionDatagenErrorCodes)[number];

export class TransactionDatagenError extends PipelineError<TransactionDatagenErrorCode> {
  constructor(code: TransactionDatagenErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
