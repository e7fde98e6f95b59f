import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { KafkaConnectionError } from './errors';

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface SaslOptions {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  /** Never logged nor put in an error message; see `describeConnection`. */
  readonly password: string;
}

/** Where the cluster is and how to authenticate; every brick that talks to Kafka takes one. */
export interface KafkaConnectionOptions {
  /** `host:port` bootstrap addresses. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** `true` for TLS with the system CAs, or node TLS options (`ca`, `cert`, `key`...). */
  readonly ssl?: boolean | TlsConnectionOptions;
  readonly sasl?: SaslOptions;
  /** Time allowed to open a TCP (and TLS) connection to a broker. */
  readonly connectionTimeoutMs?: number;
  /** Time allowed for one request to be answered. */
  readonly requestTimeoutMs?: number;
  /** How many times kafkajs retries a retriable failure before giving up (it backs off exponentially). */
  readonly retries?: number;
  /** First retry delay; kafkajs doubles it (with jitter) on every attempt. */
  readonly initialRetryTimeMs?: number;
  /** Longest delay between two attempts. */
  readonly maxRetryTimeMs?: number;
}

/** kafkajs' own default is 1 s, too short for a TLS handshake over a slow link. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 3_000;
/** kafkajs' default: a broker answering slower than this is treated as failed. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/**
 * With the delays below, about two minutes of attempts (0.3, 0.6, 1.2, 2.4, 4.8 s, then every 10 s):
 * a broker restart or a leader election passes unnoticed, as with the Java producer's
 * `delivery.timeout.ms` of 120 s. kafkajs' own 5 retries give up after about 9 s.
 */
export const DEFAULT_RETRIES = 16;
export const DEFAULT_INITIAL_RETRY_TIME_MS = 300;
/** Set explicitly: kafkajs caps retries at 1 s instead of 30 s when NODE_ENV is `test`. */
export const DEFAULT_MAX_RETRY_TIME_MS = 10_000;

const BROKER_ADDRESS = /^[^\s:/]+:\d{1,5}$/;

/**
 * Checks every setting and throws one KAFKA_CONNECTION_INVALID_OPTIONS error listing all the
 * problems at once. Values of secrets are never quoted in the message.
 */
export function validateKafkaConnectionOptions(options: KafkaConnectionOptions): void {
  const problems: string[] = [];
  if (!Array.isArray(options.brokers) || options.brokers.length === 0) {
    problems.push('brokers must list at least one "host:port" address');
  } else {
    for (const broker of options.brokers) {
      if (typeof broker !== 'string' || !BROKER_ADDRESS.test(broker)) {
        problems.push(`brokers: "${String(broker)}" is not a "host:port" address`);
      }
    }
  }
  if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    problems.push('clientId must be a non-empty string (it names this process in broker logs and quotas)');
  }
  if (options.sasl !== undefined) {
    const { mechanism, username, password } = options.sasl;
    if (!SASL_MECHANISMS.includes(mechanism)) {
      problems.push(`sasl.mechanism "${String(mechanism)}" is not one of ${SASL_MECHANISMS.join(', ')}`);
    }
    if (typeof username !== 'string' || username === '') {
      problems.push('sasl.username must be a non-empty string');
    }
    if (typeof password !== 'string' || password === '') {
      problems.push('sasl.password must be a non-empty string (its value is never shown)');
    }
  }
  for (const name of ['connectionTimeoutMs', 'requestTimeoutMs', 'initialRetryTimeMs', 'maxRetryTimeMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      problems.push(`${name} must be a positive number of milliseconds, got ${String(value)}`);
    }
  }
  if (options.retries !== undefined && !(Number.isInteger(options.retries) && options.retries >= 0)) {
    problems.push(`retries must be a non-negative integer, got ${String(options.retries)}`);
  }
  if (problems.length > 0) {
    throw new KafkaConnectionError(
      'KAFKA_CONNECTION_INVALID_OPTIONS',
      `invalid Kafka connection options: ${problems.join('; ')}`,
    );
  }
}
