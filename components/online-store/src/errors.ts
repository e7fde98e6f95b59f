import { PipelineError, type ErrorDomain } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const onlineStoreErrorCodes = [
  'ONLINE_STORE_INVALID_OPTIONS',
  'ONLINE_STORE_STATE_MISMATCH',
  'ONLINE_STORE_CORRUPT',
] as const;
export type OnlineStoreErrorCode = (typeof onlineStoreErrorCodes)[number];

const DOMAINS: Record<OnlineStoreErrorCode, ErrorDomain> = {
  ONLINE_STORE_INVALID_OPTIONS: 'internal',
  ONLINE_STORE_STATE_MISMATCH: 'internal',
  ONLINE_STORE_CORRUPT: 'internal',
};

export class OnlineStoreError extends PipelineError<OnlineStoreErrorCode> {
  constructor(code: OnlineStoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: DOMAINS[code], ...options });
  }
}
