import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const featureClientErrorCodes = ['FEATURE_CLIENT_INVALID_OPTIONS'] as const;
export type FeatureClientErrorCode = (typeof featureClientErrorCodes)[number];

export class FeatureClientError extends PipelineError<FeatureClientErrorCode> {
  constructor(code: FeatureClientErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
