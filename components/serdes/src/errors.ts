import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const serdesErrorCodes = ['SERDES_INVALID_OPTIONS'] as const;
export type SerdesErrorCode = (typeof serdesErrorCodes)[number];

export class SerdesError extends PipelineError<SerdesErrorCode> {
  constructor(code: SerdesErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
