import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const partitioningErrorCodes = ['PARTITIONING_INVALID_OPTIONS'] as const;
export type PartitioningErrorCode = (typeof partitioningErrorCodes)[number];

export class PartitioningError extends PipelineError<PartitioningErrorCode> {
  constructor(code: PartitioningErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
