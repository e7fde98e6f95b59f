import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const kafkaSinkErrorCodes = ['KAFKA_SINK_INVALID_OPTIONS'] as const;
export type KafkaSinkErrorCode = (typeof kafkaSinkErrorCodes)[number];

export class KafkaSinkError extends PipelineError<KafkaSinkErrorCode> {
  constructor(code: KafkaSinkErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
