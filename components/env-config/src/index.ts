/**
 * @fp/env-config: turns `process.env` into a typed config once, at start, and fails fast with
 * every bad variable listed (name + what was expected), never one at a time.
 *
 * @example
 * const config = parseEnv(z.object({ KAFKA_BROKERS: z.string().describe('host:port[,host:port]') }), process.env);
 */
export { EnvConfigError, envConfigErrorCodes } from './errors';
export type { EnvConfigErrorCode } from './errors';
export { parseEnv } from './parse-env';
export type { EnvSchema } from './parse-env';
export { fileOption, parseCommandLine } from './parse-command-line';
export type { CommandLineSpec } from './parse-command-line';
