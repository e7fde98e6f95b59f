import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const featureCatalogErrorCodes = ['FEATURE_CATALOG_UNKNOWN_VIEW'] as const;
export type FeatureCatalogErrorCode = (typeof featureCatalogErrorCodes)[number];

export class FeatureCatalogError extends PipelineError<FeatureCatalogErrorCode> {
  constructor(code: FeatureCatalogErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
