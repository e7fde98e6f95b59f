import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const featureLookupApiErrorCodes = [
  'FEATURE_LOOKUP_API_INVALID_OPTIONS',
  'FEATURE_LOOKUP_API_LISTEN_FAILED',
] as const;
export type FeatureLookupApiErrorCode = (typeof featureLookupApiErrorCodes)[number];

export class FeatureLookupApiError extends PipelineError<FeatureLookupApiErrorCode> {
  constructor(code: FeatureLookupApiErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
