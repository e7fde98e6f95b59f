/**
 * @fp/kafka-runtime: runs `@fp/topology` pipelines on Kafka.
 *
 * `runStreaming` joins the consumer group named after the topology and runs one task per assigned
 * (sub-topology, partition), with LevelDB state, changelog topics and at-least-once checkpoints to
 * Kafka offsets. `runBounded` reads each input over a fixed offset range (earliest, or an offset or timestamp, up
 * to the end offsets captured at start), fires every window at the end, flushes, checkpoints and
 * reports; it gives the results the test driver gives for the same records.
 */
export { KafkaRuntimeError, kafkaRuntimeErrorCodes } from './errors';
export {
  DEFAULT_COMMIT_INTERVAL_MS,
  DEFAULT_MAX_BYTES_PER_PARTITION,
  DEFAULT_MAX_PENDING_OUTPUT_RECORDS,
  validateRunOptions,
} from './run-options';
export { ensureOutputTopics } from './output-topics';
export { checkRetention } from './retention-warnings';
export { inputTopicsOf, outputTopicsOf } from './topology-topics';
export { runBounded } from './run-bounded';
export { runStreaming } from './run-streaming';
export type { KafkaRuntimeErrorCode } from './errors';
export type { CheckpointStep } from './checkpointer';
export type { BoundedRunOptions, CommonRunOptions, StreamingRunOptions } from './run-options';
export type { OutputTopicsOptions } from './output-topics';
export type { RetentionCheckOptions } from './retention-warnings';
export type { RunSummary } from './run-summary';
export type { RunningTopology, RuntimeMetrics } from './running-topology';
