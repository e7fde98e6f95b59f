import { PipelineError, type ErrorDomain } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaConnectionErrorCodes = [
  'KAFKA_CONNECTION_INVALID_OPTIONS',
  'KAFKA_CONNECTION_UNREACHABLE',
  'KAFKA_CONNECTION_AUTHENTICATION_FAILED',
  'KAFKA_CONNECTION_NOT_AUTHORISED',
  'KAFKA_CONNECTION_TOPIC_MISSING',
] as const;
export type KafkaConnectionErrorCode = (typeof kafkaConnectionErrorCodes)[number];

/** Bad options are ours to fix; the others describe the cluster as found (it may be fixed without a release). */
const domainOf = (code: KafkaConnectionErrorCode): ErrorDomain =>
  code === 'KAFKA_CONNECTION_INVALID_OPTIONS' ? 'internal' : 'external';

export class KafkaConnectionError extends PipelineError<KafkaConnectionErrorCode> {
  constructor(code: KafkaConnectionErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: domainOf(code), ...options });
  }
}
