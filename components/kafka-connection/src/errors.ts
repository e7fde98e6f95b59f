import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaConnectionErrorCodes = ['KAFKA_CONNECTION_INVALID_OPTIONS'] as const;
export type KafkaConnectionErrorCode = (typeof kafkaConnectionErrorCodes)[number];

export class KafkaConnectionError extends PipelineError<KafkaConnectionErrorCode> {
  constructor(code: KafkaConnectionErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
