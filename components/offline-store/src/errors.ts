import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const offlineStoreErrorCodes = ['OFFLINE_STORE_INVALID_OPTIONS'] as const;
export type OfflineStoreErrorCode = (typeof offlineStoreErrorCodes)[number];

export class OfflineStoreError extends PipelineError<OfflineStoreErrorCode> {
  constructor(code: OfflineStoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
