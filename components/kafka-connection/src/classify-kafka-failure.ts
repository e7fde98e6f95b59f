/** What went wrong when talking to Kafka, as an operator would name it. */
export type KafkaFailureKind = 'unreachable' | 'authentication-failed' | 'not-authorised' | 'topic-missing' | 'other';

/** Broker error types (kafkajs' names for Kafka's error codes) that say the principal lacks an ACL. */
const AUTHORISATION_ERRORS = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);
/** Broker error types of a SASL exchange that failed (wrong credentials, mechanism not enabled there). */
const SASL_ERRORS = new Set(['SASL_AUTHENTICATION_FAILED', 'UNSUPPORTED_SASL_MECHANISM', 'ILLEGAL_SASL_STATE']);
/** Socket errors of a broker that is not there (no listener, unknown host, no route, no answer). */
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
]);

/**
 * Classifies a kafkajs failure by walking its cause chain (kafkajs wraps the broker's answer in
 * retry errors): SASL rejected, an ACL missing, a topic that does not exist, or no broker answering.
 */
export function classifyKafkaFailure(error: unknown): KafkaFailureKind {
  const chain = causeChain(error);
  if (chain.some(({ name }) => name === 'KafkaJSSASLAuthenticationError')) return 'authentication-failed';
  if (chain.some(({ type }) => type !== undefined && SASL_ERRORS.has(type))) return 'authentication-failed';
  if (chain.some(({ type }) => type !== undefined && AUTHORISATION_ERRORS.has(type))) return 'not-authorised';
  if (chain.some(({ type }) => type === 'UNKNOWN_TOPIC_OR_PARTITION')) return 'topic-missing';
  const unreachable = chain.some(
    ({ name, code, message }) =>
      name === 'KafkaJSConnectionError' ||
      name === 'KafkaJSConnectionClosedError' ||
      name === 'KafkaJSBrokerNotFound' ||
      (code !== undefined && UNREACHABLE_SOCKET_CODES.has(code)) ||
      /Connection (error|timeout)|Failed to connect/.test(message ?? ''),
  );
  return unreachable ? 'unreachable' : 'other';
}

interface ErrorFacts {
  readonly name?: string;
  readonly type?: string;
  readonly code?: string;
  readonly message?: string;
}

/** The error and its causes (`cause`, kafkajs' `originalError`), at most a few deep. */
function causeChain(error: unknown): ErrorFacts[] {
  const chain: ErrorFacts[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const facts = current as Record<string, unknown>;
    chain.push({
      ...(typeof facts['name'] === 'string' ? { name: facts['name'] } : {}),
      ...(typeof facts['type'] === 'string' ? { type: facts['type'] } : {}),
      ...(typeof facts['code'] === 'string' ? { code: facts['code'] } : {}),
      ...(typeof facts['message'] === 'string' ? { message: facts['message'] } : {}),
    });
    current = facts['cause'] ?? facts['originalError'];
  }
  return chain;
}
