/**
 * `domain` says whose fault a failure is, which is all the runtimes read:
 * - `data`: this record is bad; the source's bad-record policy decides (fail, skip, dead-letter);
 * - `external`: a dependency failed (a broker, a registry, an HTTP service);
 * - `internal`: a bug or bad configuration.
 * A worker stops on `external` and `internal` alike and lets the orchestrator restart it.
 */
export type ErrorDomain = 'data' | 'external' | 'internal';

/**
 * Whether repeating the same call later may succeed: a hint for code that calls a brick directly
 * (a feature-client caller may retry `backoff` errors). No runtime retries on it.
 */
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
