/**
 * @fp/stream-runtime: runs `@fp/topology` pipelines. A topology splits into sub-topologies at
 * re-keying steps and runs as one task per (sub-topology, partition); each task owns its steps,
 * state stores, event-time clock and offsets.
 *
 * In-process runs (the test driver in `@fp/stream-runtime/testing`, and `runLocal` for bounded
 * inputs with LevelDB state) route repartition records and watermark markers through in-memory
 * partitions with Kafka's partitioner, so they produce what the Kafka runtime produces.
 *
 * Semantics (Flink's): per-source watermarks `maxSeen - outOfOrderness - 1`, task watermark = min
 * over inputs (idle ones excluded), applied after every record; windows fire once at
 * `endMs - 1`; records late for all their windows are counted and routed to `late()`.
 */
export { InProcessCluster } from './in-process-cluster';
export { StreamRuntimeError, streamRuntimeErrorCodes } from './errors';
export { runLocal } from './run-local';
export type { DeadLetter, InProcessClusterOptions, OutputRecord } from './in-process-cluster';
export type { StreamRuntimeErrorCode } from './errors';
export type { LocalInput, LocalOutputRecord, LocalRunOptions, LocalRunResult } from './run-local';
