import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const usageStatisticsErrorCodes = [
  'USAGE_STATISTICS_EMAIL_MISMATCH',
  'USAGE_STATISTICS_INVALID_OPTIONS',
  'USAGE_STATISTICS_NEGATIVE_DURATION',
] as const;
export type UsageStatisticsErrorCode = (typeof usageStatisticsErrorCodes)[number];

/**
 * `USAGE_STATISTICS_NEGATIVE_DURATION` is about one record (domain `data`: the runtime applies its
 * dead-letter policy); the others are bugs or bad configuration (domain `internal`).
 */
export class UsageStatisticsError extends PipelineError<UsageStatisticsErrorCode> {
  constructor(code: UsageStatisticsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: code === 'USAGE_STATISTICS_NEGATIVE_DURATION' ? 'data' : 'internal', ...options });
  }
}
