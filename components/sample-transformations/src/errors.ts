import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const sampleTransformationsErrorCodes = ['SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS'] as const;
export type SampleTransformationsErrorCode = (typeof sampleTransformationsErrorCodes)[number];

export class SampleTransformationsError extends PipelineError<SampleTransformationsErrorCode> {
  constructor(code: SampleTransformationsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
