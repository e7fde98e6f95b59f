/**
 * @fp/worker-ops: what every pipeline worker needs to be operated.
 *
 * - Settings from the environment (`workerEnvShape`, `parseWorkerEnv`, `workerSettingsFromEnv`):
 *   Kafka connection with SSL/SASL, application id, state directory, processing guarantee, mode,
 *   dead letters, ops port;
 *   every bad variable reported at once, cross-variable rules (SASL user + password) included.
 * - `createOpsServer`: `/healthz` (liveness), `/readyz` (200 once processing), Prometheus
 *   `/metrics` read from the runtime's figures at scrape time.
 * - `startWorker`: serve the ops endpoints and run a topology bounded or streaming; `stop()` is the
 *   graceful end (a streaming run's final checkpoint). With `outputTopics` (`outputTopicsEnvShape`)
 *   it first creates the missing output and dead-letter topics.
 */
export { createOpsServer } from './ops-server';
export { PROGRESS_LOG_INTERVAL_MS, startWorker } from './start-worker';
export { runWorkerProcess } from './run-worker-process';
export {
  DEFAULT_OUTPUT_TOPIC_REPLICATION_FACTOR,
  DEFAULT_OUTPUT_TOPIC_RETENTION_MS,
  outputTopicsEnvShape,
  outputTopicSettingsFromEnv,
} from './output-topics-env';
export { schemaRegistryEnvShape, schemaRegistrySettingsFromEnv } from './schema-registry-env';
export {
  BOUNDED_FLAG,
  DEFAULT_HTTP_PORT,
  DEFAULT_STATE_DIR,
  kafkaConnectionFromEnv,
  kafkaEnvShape,
  parseWorkerEnv,
  processingGuarantees,
  runModes,
  workerEnvShape,
  workerSettingsFromEnv,
} from './worker-env';
export { EMPTY_WORKER_METRICS, METRIC_PREFIX } from './worker-metrics';
export { WorkerOpsError, workerOpsErrorCodes } from './errors';

export type { OpsServer, OpsServerOptions } from './ops-server';
export type { OutputTopicSettings } from './output-topics-env';
export type { SchemaRegistrySettings } from './schema-registry-env';
export type { StartWorkerOptions, Worker } from './start-worker';
export type { ProcessingGuarantee, RunMode, WorkerSettings } from './worker-env';
export type { WorkerMetrics } from './worker-metrics';
export type { WorkerOpsErrorCode } from './errors';
