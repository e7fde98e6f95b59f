import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaAdminErrorCodes = ['KAFKA_ADMIN_INVALID_OPTIONS'] as const;
export type KafkaAdminErrorCode = (typeof kafkaAdminErrorCodes)[number];

export class KafkaAdminError extends PipelineError<KafkaAdminErrorCode> {
  constructor(code: KafkaAdminErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
