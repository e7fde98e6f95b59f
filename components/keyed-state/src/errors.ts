import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const keyedStateErrorCodes = ['KEYED_STATE_INVALID_OPTIONS'] as const;
export type KeyedStateErrorCode = (typeof keyedStateErrorCodes)[number];

export class KeyedStateError extends PipelineError<KeyedStateErrorCode> {
  constructor(code: KeyedStateErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
