import { PipelineError, type ErrorDomain, type RecordCoordinates } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const streamRuntimeErrorCodes = [
  'STREAM_RUNTIME_INVALID_OPTIONS',
  'STREAM_RUNTIME_DESERIALIZATION_FAILED',
  'STREAM_RUNTIME_INVALID_TIMESTAMP',
  'STREAM_RUNTIME_RECORD_REJECTED',
  'STREAM_RUNTIME_PROCESSING_FAILED',
  'STREAM_RUNTIME_NOT_COPARTITIONED',
  'STREAM_RUNTIME_UNKNOWN_STEP',
] as const;
export type StreamRuntimeErrorCode = (typeof streamRuntimeErrorCodes)[number];

export class StreamRuntimeError extends PipelineError<StreamRuntimeErrorCode> {
  readonly coordinates: RecordCoordinates | undefined;

  constructor(
    code: StreamRuntimeErrorCode,
    message: string,
    options: { cause?: unknown; domain?: ErrorDomain; coordinates?: RecordCoordinates } = {},
  ) {
    super(code, message, { domain: options.domain ?? 'internal', cause: options.cause });
    this.coordinates = options.coordinates;
  }
}
