import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaSourceErrorCodes = ['KAFKA_SOURCE_INVALID_OPTIONS'] as const;
export type KafkaSourceErrorCode = (typeof kafkaSourceErrorCodes)[number];

export class KafkaSourceError extends PipelineError<KafkaSourceErrorCode> {
  constructor(code: KafkaSourceErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
