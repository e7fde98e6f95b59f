import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const featureArchivingErrorCodes = ['FEATURE_ARCHIVING_INVALID_OPTIONS'] as const;
export type FeatureArchivingErrorCode = (typeof featureArchivingErrorCodes)[number];

export class FeatureArchivingError extends PipelineError<FeatureArchivingErrorCode> {
  constructor(code: FeatureArchivingErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
