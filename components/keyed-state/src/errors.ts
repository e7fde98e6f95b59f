import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const keyedStateErrorCodes = [
  'KEYED_STATE_CLOSED',
  'KEYED_STATE_CORRUPT',
  'KEYED_STATE_INVALID_ARGUMENT',
  'KEYED_STATE_INVALID_OPTIONS',
  'KEYED_STATE_IO',
] as const;
export type KeyedStateErrorCode = (typeof keyedStateErrorCodes)[number];

/**
 * Every failure of a state store. All are `internal` (a bug, bad config or a broken disk: crash and
 * let the orchestrator restart the task, which restores from its last checkpoint).
 */
export class KeyedStateError extends PipelineError<KeyedStateErrorCode> {
  constructor(code: KeyedStateErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
