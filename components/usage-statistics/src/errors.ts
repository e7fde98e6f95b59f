import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const usageStatisticsErrorCodes = ['USAGE_STATISTICS_INVALID_OPTIONS'] as const;
export type UsageStatisticsErrorCode = (typeof usageStatisticsErrorCodes)[number];

export class UsageStatisticsError extends PipelineError<UsageStatisticsErrorCode> {
  constructor(code: UsageStatisticsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
