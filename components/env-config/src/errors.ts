import { PipelineError } from '@fp/errors';

/** Every code this brick throws. Each one is documented in README.md (errors.test.ts checks it). */
export const envConfigErrorCodes = ['ENV_CONFIG_INVALID'] as const;
export type EnvConfigErrorCode = (typeof envConfigErrorCodes)[number];

export class EnvConfigError extends PipelineError<EnvConfigErrorCode> {
  /** One entry per bad variable: `KAFKA_BROKERS: expected ...`. */
  readonly problems: readonly string[];

  constructor(code: EnvConfigErrorCode, problems: readonly string[]) {
    super(code, `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`, {
      domain: 'internal',
    });
    this.problems = problems;
  }
}
