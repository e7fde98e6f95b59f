/**
 * `domain` tells the runtime what to do with a failure:
 * - `data`: this record is bad; apply the dead-letter policy and carry on;
 * - `external`: a dependency failed; retry when `retry` is `backoff`;
 * - `internal`: a bug or bad configuration; crash and let the orchestrator restart us.
 */
export type ErrorDomain = 'data' | 'external' | 'internal';

/** Whether repeating the same call later may succeed. */
export type RetryHint = 'none' | 'backoff';

export interface PipelineErrorOptions {
  readonly domain: ErrorDomain;
  readonly retry?: RetryHint;
  readonly cause?: unknown;
}

/**
 * The one error class every brick extends (once per brick, with a closed list of codes), so
 * callers can `switch (error.code)` exhaustively instead of testing subclasses.
 */
export class PipelineError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly domain: ErrorDomain;
  readonly retry: RetryHint;

  constructor(code: Code, message: string, options: PipelineErrorOptions) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.domain = options.domain;
    this.retry = options.retry ?? 'none';
  }
}

/** True for any brick's error, whatever its class. */
export function isPipelineError(value: unknown): value is PipelineError {
  return value instanceof PipelineError;
}
