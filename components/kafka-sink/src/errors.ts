import { PipelineError, type ErrorDomain, type RetryHint } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaSinkErrorCodes = [
  'KAFKA_SINK_INVALID_OPTIONS',
  'KAFKA_SINK_SEND_FAILED',
  'KAFKA_SINK_CLOSED',
  'KAFKA_SINK_TRANSACTION_STATE',
  'KAFKA_SINK_TRANSACTION_FAILED',
] as const;
export type KafkaSinkErrorCode = (typeof kafkaSinkErrorCodes)[number];

const CLASSIFICATION: Record<KafkaSinkErrorCode, { domain: ErrorDomain; retry: RetryHint }> = {
  KAFKA_SINK_INVALID_OPTIONS: { domain: 'internal', retry: 'none' },
  // kafkajs already retried; the sink stays failed so the runtime restarts from its last checkpoint.
  KAFKA_SINK_SEND_FAILED: { domain: 'external', retry: 'none' },
  KAFKA_SINK_CLOSED: { domain: 'internal', retry: 'none' },
  KAFKA_SINK_TRANSACTION_STATE: { domain: 'internal', retry: 'none' },
  KAFKA_SINK_TRANSACTION_FAILED: { domain: 'external', retry: 'none' },
};

export class KafkaSinkError extends PipelineError<KafkaSinkErrorCode> {
  constructor(code: KafkaSinkErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...CLASSIFICATION[code], ...options });
  }
}
