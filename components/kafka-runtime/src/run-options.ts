import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import type { BoundedEnd, BoundedStart, StartPosition } from '@fp/kafka-source';
import type { Logger } from '@fp/log';
import type { Topology } from '@fp/topology';
import type { CheckpointStep } from './checkpointer';
import { KafkaRuntimeError } from './errors';

/** Kafka Streams' default: state, outputs and offsets are checkpointed together every 5 s. */
export const DEFAULT_COMMIT_INTERVAL_MS = 5_000;
/** The broker's default `group.min.session.timeout.ms`: shorter sessions are refused at join. */
export const MIN_SESSION_TIMEOUT_MS = 6_000;
/**
 * Bytes a fetch returns per partition at most (kafkajs and Kafka default to 1 MiB). Half that keeps
 * a member's tasks in step while catching up: a downstream watermark is the minimum over its
 * upstream tasks, so the more one task runs ahead per fetch, the more windows stay open and the
 * more state each checkpoint writes: on the card catch-up (`npm run bench`, one thread) it gave
 * more events/s, fewer changelog records and a lower peak RSS than the 1 MiB default.
 */
export const DEFAULT_MAX_BYTES_PER_PARTITION = 512 * 1024;
/** Above this many queued output records the reader waits for the producer (backpressure per batch, not per record). */
export const DEFAULT_MAX_PENDING_OUTPUT_RECORDS = 50_000;

export interface CommonRunOptions {
  readonly connection: KafkaConnectionOptions;
  /**
   * Local state lives in `<stateDir>/<topology name>/<task>/<step>` (LevelDB). The topology name is
   * the application's identity: consumer group, internal topic prefix and state directory.
   */
  readonly stateDir: string;
  /** Where records go under the `dead-letter` policy; required when a source uses it. */
  readonly deadLetterTopic?: string;
  /** Replication factor of the internal topics the runtime creates (repartition, changelog). */
  readonly internalTopicReplicationFactor?: number;
  readonly maxPendingOutputRecords?: number;
  readonly log?: Logger;
  /** Processing-time clock (idleness, commit interval); injectable for tests. */
  readonly now?: () => number;
}

export interface BoundedRunOptions extends CommonRunOptions {
  /** Where each input starts (default earliest). */
  readonly from?: BoundedStart;
  /** Where each input stops: the end offsets captured at start (default) or a timestamp. */
  readonly to?: BoundedEnd;
  /** Called after every input batch with the records read so far. */
  readonly onProgress?: (recordsRead: number) => void;
}

export interface StreamingRunOptions extends CommonRunOptions {
  readonly commitIntervalMs?: number;
  /**
   * `at-least-once` (default): a crash replays the records since the last checkpoint.
   * `exactly-once`: each task writes through its own transactional producer (one per input
   * partition, as kafkajs cannot fence by consumer generation, KIP-447), and outputs, repartition
   * records, changelog records and consumed offsets commit in one transaction per checkpoint.
   * Readers of the outputs must use `read_committed`.
   */
  readonly guarantee?: 'at-least-once' | 'exactly-once';
  /** Where a partition without a committed offset starts (default earliest). */
  readonly startFrom?: StartPosition;
  /**
   * How often consumed repartition records are deleted (default 30 s, as Kafka Streams'
   * `repartition.purge.interval.ms`); repartition topics have no time-based retention.
   */
  readonly repartitionPurgeIntervalMs?: number;
  /**
   * How long the group waits for a silent member (kafkajs default 30 s; the broker accepts 6 s to
   * 5 min by default) before giving its tasks to others: shorter means faster failover after a
   * lost machine, longer tolerates longer pauses. A process restarted on its state directory
   * rejoins at once whatever this is (see `memberIdFile` in kafka-source).
   */
  readonly sessionTimeoutMs?: number;
  /**
   * Which of a process's stream threads this run is (0 when the process runs one). Each is a
   * group member of its own and remembers its member id in its own file under the state directory.
   */
  readonly streamThread?: number;
  /**
   * Bytes a fetch returns per partition at most (default 512 KiB, `DEFAULT_MAX_BYTES_PER_PARTITION`).
   * Keep it at least the producers' batch size per partition (the sink's `maxPartitionBatchBytes`,
   * 256 KiB): a larger batch comes back only for the first partition of a fetch response.
   */
  readonly maxBytesPerPartition?: number;
  /**
   * For fault-injection tests only: called synchronously at each named step of a checkpoint
   * (`CheckpointStep`), where a test may kill the process to leave that step half done.
   */
  readonly onCheckpointStep?: (step: CheckpointStep) => void;
}

/** Checks every option at once, so a misconfigured worker fails at start with the whole list. */
export function validateRunOptions(
  topology: Topology,
  options: CommonRunOptions & {
    commitIntervalMs?: number;
    repartitionPurgeIntervalMs?: number;
    sessionTimeoutMs?: number;
    streamThread?: number;
    maxBytesPerPartition?: number;
  },
): void {
  const problems: string[] = [];
  if (options.connection === undefined || options.connection.brokers.length === 0) {
    problems.push('connection.brokers must list at least one host:port');
  }
  if (typeof options.stateDir !== 'string' || options.stateDir.length === 0) {
    problems.push('stateDir must be a directory path for local state');
  }
  if (
    options.commitIntervalMs !== undefined &&
    (!Number.isInteger(options.commitIntervalMs) || options.commitIntervalMs < 1)
  ) {
    problems.push(
      `commitIntervalMs must be a positive integer of milliseconds, got ${String(options.commitIntervalMs)}`,
    );
  }
  if (
    options.repartitionPurgeIntervalMs !== undefined &&
    (!Number.isInteger(options.repartitionPurgeIntervalMs) || options.repartitionPurgeIntervalMs < 0)
  ) {
    problems.push(
      `repartitionPurgeIntervalMs must be a non-negative integer of milliseconds, got ${String(options.repartitionPurgeIntervalMs)}`,
    );
  }
  if (
    options.sessionTimeoutMs !== undefined &&
    (!Number.isInteger(options.sessionTimeoutMs) || options.sessionTimeoutMs < MIN_SESSION_TIMEOUT_MS)
  ) {
    problems.push(
      `sessionTimeoutMs must be an integer of at least ${MIN_SESSION_TIMEOUT_MS} ms (the broker's default minimum), got ${String(options.sessionTimeoutMs)}`,
    );
  }
  if (options.streamThread !== undefined && !(Number.isInteger(options.streamThread) && options.streamThread >= 0)) {
    problems.push(`streamThread must be a non-negative integer, got ${String(options.streamThread)}`);
  }
  if (
    options.maxBytesPerPartition !== undefined &&
    !(Number.isInteger(options.maxBytesPerPartition) && options.maxBytesPerPartition >= 1)
  ) {
    problems.push(
      `maxBytesPerPartition must be a positive integer of bytes, got ${String(options.maxBytesPerPartition)}`,
    );
  }
  const deadLetterSources = topology.nodes.flatMap((node) =>
    node.kind === 'source' && node.options.onDeserializationError === 'dead-letter' ? [node.name] : [],
  );
  if (deadLetterSources.length > 0 && !options.deadLetterTopic) {
    problems.push(`deadLetterTopic is required: sources ${deadLetterSources.join(', ')} use the dead-letter policy`);
  }
  if (problems.length > 0) {
    throw new KafkaRuntimeError(
      'KAFKA_RUNTIME_INVALID_OPTIONS',
      `cannot run "${topology.name}":\n  - ${problems.join('\n  - ')}`,
    );
  }
}
