import { installReadCommittedFix } from './read-committed-fix';
import type { Logger } from '@fp/log';
import { Kafka, logLevel as KafkaLogLevel, type LogEntry, type logCreator, type SASLOptions } from 'kafkajs';
import { redactSecrets } from './describe-connection';
import {
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_INITIAL_RETRY_TIME_MS,
  DEFAULT_MAX_RETRY_TIME_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRIES,
  validateKafkaConnectionOptions,
  type KafkaConnectionOptions,
} from './kafka-connection-options';

/**
 * Broker answers kafkajs logs at ERROR although it retries them and they are expected while a fresh
 * broker elects leaders, loads the offsets topic or moves a coordinator. They become warnings; if
 * retries run out the caller still gets the error.
 */
const TRANSIENT_BROKER_ERRORS = new Set([
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
  "The coordinator is loading and hence can't process requests for this group",
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server is not the leader for that topic-partition',
  'This server does not host this topic-partition',
  'The group is rebalancing, so a rejoin is needed',
]);

/**
 * The idempotent sink deliberately bounds retries so `flush()` can fail; after that the sink refuses
 * all further sends, so the sequence gap kafkajs warns about cannot be observed.
 */
const EXPECTED_WARNINGS = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);

type PinoLevel = 'error' | 'warn' | 'info' | 'debug';

/** Maps one kafkajs log entry to the level it deserves in our logs. */
export function levelForKafkaLog(level: number, message: string, extra: Record<string, unknown>): PinoLevel {
  if (level === KafkaLogLevel.ERROR) {
    return typeof extra['error'] === 'string' && TRANSIENT_BROKER_ERRORS.has(extra['error']) ? 'warn' : 'error';
  }
  if (level === KafkaLogLevel.WARN) {
    return EXPECTED_WARNINGS.has(message) ? 'debug' : 'warn';
  }
  return level === KafkaLogLevel.INFO ? 'info' : 'debug';
}

function kafkaLogLevelFor(log: Logger | undefined): KafkaLogLevel {
  if (log === undefined || log.level === 'silent') {
    return KafkaLogLevel.NOTHING;
  }
  return ['debug', 'trace'].includes(log.level) ? KafkaLogLevel.DEBUG : KafkaLogLevel.INFO;
}

function createLogBridge(log: Logger, options: KafkaConnectionOptions): logCreator {
  return () =>
    ({ namespace, level, log: entry }: LogEntry) => {
      const { message, ...fields } = entry;
      // kafkajs' own timestamp and logger name would duplicate pino's `time` and `name`.
      const extra: Record<string, unknown> = { ...fields };
      delete extra['timestamp'];
      delete extra['logger'];
      // Round-trip through JSON so a secret echoed anywhere in the extra fields is caught too.
      const safeExtra = JSON.parse(redactSecrets(JSON.stringify(extra), options)) as Record<string, unknown>;
      const safeMessage = redactSecrets(String(message), options);
      log[levelForKafkaLog(level, String(message), extra)]({ kafkajs: namespace, ...safeExtra }, safeMessage);
    };
}

/**
 * A kafkajs client for these options, after validating them (throws KAFKA_CONNECTION_INVALID_OPTIONS
 * listing every problem). kafkajs logs go to `log` (child of the caller's logger) with secrets
 * redacted and transient broker errors downgraded to warnings; without `log` kafkajs is silent.
 */
export function createKafkaClient(options: KafkaConnectionOptions, log?: Logger): Kafka {
  validateKafkaConnectionOptions(options);
  // Every consumer reads read_committed; kafkajs needs this fix to do that correctly.
  installReadCommittedFix();
  const { sasl } = options;
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
    ...(sasl === undefined
      ? {}
      : // kafkajs types each mechanism as its own union member; ours share one shape.
        { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions }),
    connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    retry: {
      retries: options.retries ?? DEFAULT_RETRIES,
      initialRetryTime: options.initialRetryTimeMs ?? DEFAULT_INITIAL_RETRY_TIME_MS,
      maxRetryTime: options.maxRetryTimeMs ?? DEFAULT_MAX_RETRY_TIME_MS,
    },
    logLevel: kafkaLogLevelFor(log),
    ...(log === undefined ? {} : { logCreator: createLogBridge(log, options) }),
  });
}

/**
 * A one-line, secret-free description of a kafkajs failure, for the message of a brick's own error
 * (the original stays as `cause`; kafkajs never puts credentials in its errors).
 */
export function describeKafkaFailure(error: unknown, options: KafkaConnectionOptions): string {
  const text =
    error instanceof Error
      ? `${error.name}: ${error.message}${error.cause instanceof Error ? ` (cause: ${error.cause.message})` : ''}`
      : String(error);
  return redactSecrets(text, options);
}
