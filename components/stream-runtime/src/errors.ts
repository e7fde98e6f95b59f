import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const streamRuntimeErrorCodes = ['STREAM_RUNTIME_INVALID_OPTIONS'] as const;
export type StreamRuntimeErrorCode = (typeof streamRuntimeErrorCodes)[number];

export class StreamRuntimeError extends PipelineError<StreamRuntimeErrorCode> {
  constructor(code: StreamRuntimeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
