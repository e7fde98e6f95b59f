import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const onlineStoreKafkaErrorCodes = ['ONLINE_STORE_KAFKA_INVALID_OPTIONS', 'ONLINE_STORE_KAFKA_FAILED'] as const;
export type OnlineStoreKafkaErrorCode = (typeof onlineStoreKafkaErrorCodes)[number];

export class OnlineStoreKafkaError extends PipelineError<OnlineStoreKafkaErrorCode> {
  constructor(code: OnlineStoreKafkaErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, {
      domain: code === 'ONLINE_STORE_KAFKA_FAILED' ? 'external' : 'internal',
      ...options,
    });
  }
}
