import { PipelineError, type ErrorDomain, type RetryHint } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaSourceErrorCodes = [
  'KAFKA_SOURCE_INVALID_OPTIONS',
  'KAFKA_SOURCE_NOT_RUNNING',
  'KAFKA_SOURCE_HANDLER_FAILED',
  'KAFKA_SOURCE_CONSUMER_FAILED',
  'KAFKA_SOURCE_COMMIT_FAILED',
  'KAFKA_SOURCE_NOT_IN_GROUP',
] as const;
export type KafkaSourceErrorCode = (typeof kafkaSourceErrorCodes)[number];

const CLASSIFICATION: Record<KafkaSourceErrorCode, { domain: ErrorDomain; retry: RetryHint }> = {
  KAFKA_SOURCE_INVALID_OPTIONS: { domain: 'internal', retry: 'none' },
  KAFKA_SOURCE_NOT_RUNNING: { domain: 'internal', retry: 'none' },
  KAFKA_SOURCE_HANDLER_FAILED: { domain: 'internal', retry: 'none' },
  KAFKA_SOURCE_CONSUMER_FAILED: { domain: 'external', retry: 'backoff' },
  KAFKA_SOURCE_COMMIT_FAILED: { domain: 'external', retry: 'backoff' },
  KAFKA_SOURCE_NOT_IN_GROUP: { domain: 'external', retry: 'backoff' },
};

export class KafkaSourceError extends PipelineError<KafkaSourceErrorCode> {
  constructor(code: KafkaSourceErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...CLASSIFICATION[code], ...options });
  }
}
