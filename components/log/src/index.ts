/**
 * @fp/log: structured JSON logs (pino). One line per event, with `name`, `level`, `time` and the
 * context fields given; credentials (`password`, `sasl`, `ssl.key`) are always redacted.
 */
export { createLogger, createSilentLogger, LOG_LEVELS } from './create-logger';
export type { Logger, LoggerOptions, LogLevel } from './create-logger';
