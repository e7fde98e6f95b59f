/**
 * @fp/kafka-connection: Kafka connection settings (brokers, client id, SSL, SASL) turned into
 * kafkajs clients, with secrets kept out of logs and errors.
 *
 * Every Kafka brick (source, sink, admin) takes `KafkaConnectionOptions` and builds its client with
 * `createKafkaClient`; `describeConnection` is what may be logged about a connection;
 * `checkKafkaConnection` fails a process at start, in bounded time, naming what is wrong.
 */
export { checkKafkaConnection, DEFAULT_CONNECTION_CHECK_TIMEOUT_MS } from './check-kafka-connection';
export type { KafkaConnectionCheckOptions } from './check-kafka-connection';
export { classifyKafkaFailure } from './classify-kafka-failure';
export type { KafkaFailureKind } from './classify-kafka-failure';
export { createKafkaClient, describeKafkaFailure, levelForKafkaLog } from './create-kafka-client';
export { describeConnection, redactSecrets, REDACTED } from './describe-connection';
export type { ConnectionDescription } from './describe-connection';
export { KafkaConnectionError, kafkaConnectionErrorCodes } from './errors';
export type { KafkaConnectionErrorCode } from './errors';
export {
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_INITIAL_RETRY_TIME_MS,
  DEFAULT_MAX_RETRY_TIME_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRIES,
  SASL_MECHANISMS,
  validateKafkaConnectionOptions,
} from './kafka-connection-options';
export type { KafkaConnectionOptions, SaslMechanism, SaslOptions } from './kafka-connection-options';
export { dropAbortedRecords, installReadCommittedFix } from './read-committed-fix';
export type { FetchedPartition } from './read-committed-fix';
