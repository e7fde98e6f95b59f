import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const pageViewsErrorCodes = ['PAGE_VIEWS_INVALID_OPTIONS'] as const;
export type PageViewsErrorCode = (typeof pageViewsErrorCodes)[number];

export class PageViewsError extends PipelineError<PageViewsErrorCode> {
  constructor(code: PageViewsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { domain: 'internal', ...options });
  }
}
