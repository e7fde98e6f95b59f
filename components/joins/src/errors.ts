import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const joinsErrorCodes = ['JOINS_INVALID_OPTIONS'] as const;
export type JoinsErrorCode = (typeof joinsErrorCodes)[number];

export class JoinsError extends PipelineError<JoinsErrorCode> {
  constructor(code: JoinsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
