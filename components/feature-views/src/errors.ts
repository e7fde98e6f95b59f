import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const featureViewsErrorCodes = ['FEATURE_VIEWS_INVALID_OPTIONS', 'FEATURE_VIEWS_BAD_ROW'] as const;
export type FeatureViewsErrorCode = (typeof featureViewsErrorCodes)[number];

export class FeatureViewsError extends PipelineError<FeatureViewsErrorCode> {
  constructor(code: FeatureViewsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: code === 'FEATURE_VIEWS_BAD_ROW' ? 'data' : 'internal', ...options });
  }
}
