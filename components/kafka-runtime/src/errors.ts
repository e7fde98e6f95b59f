import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaRuntimeErrorCodes = [
  'KAFKA_RUNTIME_INVALID_OPTIONS',
  'KAFKA_RUNTIME_MISSING_TOPIC',
  'KAFKA_RUNTIME_STOPPED',
] as const;
export type KafkaRuntimeErrorCode = (typeof kafkaRuntimeErrorCodes)[number];

export class KafkaRuntimeError extends PipelineError<KafkaRuntimeErrorCode> {
  constructor(code: KafkaRuntimeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
