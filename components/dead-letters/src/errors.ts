import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const deadLettersErrorCodes = ['DEAD_LETTERS_INVALID_OPTIONS'] as const;
export type DeadLettersErrorCode = (typeof deadLettersErrorCodes)[number];

export class DeadLettersError extends PipelineError<DeadLettersErrorCode> {
  constructor(code: DeadLettersErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
