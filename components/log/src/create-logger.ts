import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A structured logger: `log.info({ topic, partition }, 'assigned')`. */
export type Logger = PinoLogger;

export interface LoggerOptions {
  /** Who is logging (`card-features-worker`, `kafka-source`); written as `name` on every line. */
  readonly name: string;
  readonly level?: LogLevel;
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
  /**
   * Paths of fields to replace with `[redacted]` wherever they appear (`sasl.password`,
   * `*.password`). Credentials never reach a log line.
   */
  readonly redact?: readonly string[];
}

/** Field paths redacted in every logger, on top of the caller's. */
const ALWAYS_REDACTED = ['password', '*.password', '*.*.password', 'sasl', '*.sasl', 'ssl.key', '*.ssl.key'];

/** Creates a JSON-lines logger; use `log.child({ task })` to add context to a component's lines. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths: [...ALWAYS_REDACTED, ...(options.redact ?? [])], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}

/** A logger that writes nothing, for tests and library defaults. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
