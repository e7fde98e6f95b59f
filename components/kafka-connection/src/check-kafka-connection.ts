import type { Logger } from '@fp/log';
import type { Admin } from 'kafkajs';
import { classifyKafkaFailure } from './classify-kafka-failure';
import { createKafkaClient, describeKafkaFailure } from './create-kafka-client';
import { KafkaConnectionError } from './errors';
import type { KafkaConnectionOptions } from './kafka-connection-options';

/**
 * How long a process tries to reach the cluster at start before it fails: long enough for a broker
 * that is restarting, far shorter than the two minutes of kafkajs' own retries.
 */
export const DEFAULT_CONNECTION_CHECK_TIMEOUT_MS = 30_000;
/** Pause between two connection attempts while no broker answers. */
const RECONNECT_PAUSE_MS = 1_000;

export interface KafkaConnectionCheckOptions {
  /** Topics that must exist and be described by this principal (a worker's inputs). */
  readonly topics?: readonly string[];
  /** Give up on an unreachable cluster after this long (default 30 s). */
  readonly timeoutMs?: number;
  readonly log?: Logger;
}

/**
 * Connects once and describes `topics`, so a process fails at start, within `timeoutMs`, with the
 * failure named: `KAFKA_CONNECTION_UNREACHABLE` (no broker of the list answered),
 * `KAFKA_CONNECTION_AUTHENTICATION_FAILED` (SASL rejected the credentials),
 * `KAFKA_CONNECTION_NOT_AUTHORISED` (an ACL is missing), `KAFKA_CONNECTION_TOPIC_MISSING` (every
 * missing topic listed). Messages never quote a secret.
 */
export async function checkKafkaConnection(
  options: KafkaConnectionOptions,
  check: KafkaConnectionCheckOptions = {},
): Promise<void> {
  const timeoutMs = check.timeoutMs ?? DEFAULT_CONNECTION_CHECK_TIMEOUT_MS;
  // No retries of kafkajs' own: this function decides how long to keep trying.
  const admin = createKafkaClient({ ...options, retries: 0 }, check.log).admin();
  try {
    await connectWithin(admin, options, timeoutMs);
    await describeTopics(admin, options, check.topics ?? []);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function connectWithin(admin: Admin, options: KafkaConnectionOptions, timeoutMs: number): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  let lastFailure: unknown = new Error(`no answer within ${timeoutMs} ms`);
  while (Date.now() < deadlineMs) {
    try {
      // The cluster metadata request proves a broker answered and accepted our credentials.
      await withDeadline(
        admin.connect().then(() => admin.describeCluster()),
        deadlineMs - Date.now(),
      );
      return;
    } catch (error) {
      const kind = classifyKafkaFailure(error);
      if (kind === 'authentication-failed') throw authenticationFailed(error, options);
      if (kind === 'not-authorised') throw notAuthorised(['the cluster'], error, options);
      lastFailure = error;
      await admin.disconnect().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, Math.min(RECONNECT_PAUSE_MS, deadlineMs - Date.now())));
    }
  }
  throw new KafkaConnectionError(
    'KAFKA_CONNECTION_UNREACHABLE',
    `no Kafka broker of ${options.brokers.join(', ')} answered within ${timeoutMs} ms ` +
      `(last failure: ${describeKafkaFailure(lastFailure, options)}): check the broker addresses, ` +
      'that the brokers are running and that this host can reach them (TLS on both sides or neither)',
    { cause: lastFailure },
  );
}

async function describeTopics(admin: Admin, options: KafkaConnectionOptions, topics: readonly string[]): Promise<void> {
  const missing: string[] = [];
  const forbidden: string[] = [];
  let firstFailure: unknown;
  for (const topic of new Set(topics)) {
    try {
      await admin.fetchTopicMetadata({ topics: [topic] });
    } catch (error) {
      const kind = classifyKafkaFailure(error);
      if (kind === 'topic-missing') missing.push(topic);
      else if (kind === 'not-authorised') forbidden.push(topic);
      else throw error;
      firstFailure ??= error;
    }
  }
  if (forbidden.length > 0) throw notAuthorised(forbidden, firstFailure, options);
  if (missing.length > 0) {
    throw new KafkaConnectionError(
      'KAFKA_CONNECTION_TOPIC_MISSING',
      `topics missing at ${options.brokers.join(', ')}: ${missing.join(', ')}; create them, or point the topic settings at existing ones`,
      { cause: firstFailure },
    );
  }
}

function authenticationFailed(error: unknown, options: KafkaConnectionOptions): KafkaConnectionError {
  const who =
    options.sasl === undefined ? 'without SASL' : `as ${options.sasl.username} (SASL ${options.sasl.mechanism})`;
  return new KafkaConnectionError(
    'KAFKA_CONNECTION_AUTHENTICATION_FAILED',
    `authentication ${who} failed at ${options.brokers.join(', ')} (${describeKafkaFailure(error, options)}): check the SASL mechanism, user and password`,
    { cause: error },
  );
}

function notAuthorised(what: readonly string[], error: unknown, options: KafkaConnectionOptions): KafkaConnectionError {
  const who = options.sasl === undefined ? 'this client' : `user ${options.sasl.username}`;
  return new KafkaConnectionError(
    'KAFKA_CONNECTION_NOT_AUTHORISED',
    `${who} is not authorised to describe ${what.join(', ')} (${describeKafkaFailure(error, options)}): grant the ACLs it needs (Describe and Read on inputs, Write on outputs)`,
    { cause: error },
  );
}

/** `promise`, or a rejection once `ms` have passed (the caller disconnects what is still trying). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within the time left (${Math.max(0, ms)} ms)`)),
      Math.max(0, ms),
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
