import { PipelineError, type ErrorDomain, type RetryHint } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaAdminErrorCodes = [
  'KAFKA_ADMIN_INVALID_OPTIONS',
  'KAFKA_ADMIN_PARTITION_MISMATCH',
  'KAFKA_ADMIN_REQUEST_FAILED',
] as const;
export type KafkaAdminErrorCode = (typeof kafkaAdminErrorCodes)[number];

const CLASSIFICATION: Record<KafkaAdminErrorCode, { domain: ErrorDomain; retry: RetryHint }> = {
  KAFKA_ADMIN_INVALID_OPTIONS: { domain: 'internal', retry: 'none' },
  // An existing topic with the wrong partition count is a deployment mistake: retrying cannot fix it.
  KAFKA_ADMIN_PARTITION_MISMATCH: { domain: 'internal', retry: 'none' },
  KAFKA_ADMIN_REQUEST_FAILED: { domain: 'external', retry: 'backoff' },
};

export class KafkaAdminError extends PipelineError<KafkaAdminErrorCode> {
  constructor(code: KafkaAdminErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...CLASSIFICATION[code], ...options });
  }
}
