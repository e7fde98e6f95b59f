import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const windowingErrorCodes = ['WINDOWING_INVALID_OPTIONS'] as const;
export type WindowingErrorCode = (typeof windowingErrorCodes)[number];

export class WindowingError extends PipelineError<WindowingErrorCode> {
  constructor(code: WindowingErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
