import { PipelineError, type ErrorDomain, type RetryHint } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const featureClientErrorCodes = [
  'FEATURE_CLIENT_INVALID_OPTIONS',
  'FEATURE_CLIENT_UNKNOWN_VIEW',
  'FEATURE_CLIENT_BAD_REQUEST',
  'FEATURE_CLIENT_UNAVAILABLE',
  'FEATURE_CLIENT_BAD_RESPONSE',
] as const;
export type FeatureClientErrorCode = (typeof featureClientErrorCodes)[number];

const KINDS: Record<FeatureClientErrorCode, { domain: ErrorDomain; retry: RetryHint }> = {
  FEATURE_CLIENT_INVALID_OPTIONS: { domain: 'internal', retry: 'none' },
  FEATURE_CLIENT_UNKNOWN_VIEW: { domain: 'internal', retry: 'none' },
  FEATURE_CLIENT_BAD_REQUEST: { domain: 'data', retry: 'none' },
  FEATURE_CLIENT_UNAVAILABLE: { domain: 'external', retry: 'backoff' },
  FEATURE_CLIENT_BAD_RESPONSE: { domain: 'external', retry: 'none' },
};

export class FeatureClientError extends PipelineError<FeatureClientErrorCode> {
  /** The HTTP status the server answered, when it answered. */
  readonly status: number | undefined;

  constructor(code: FeatureClientErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(code, message, { ...KINDS[code], cause: options.cause });
    this.status = options.status;
  }
}
