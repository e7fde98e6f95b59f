import type { RunSummary } from './run-summary';

/** Live figures of a streaming run, for `/metrics` and logs. */
export interface RuntimeMetrics {
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly lateRecords: number;
  readonly skippedRecords: number;
  readonly deadLetteredRecords: number;
  /** `topic[partition]` -> records between the last processed offset and the high watermark at the last fetch. */
  readonly consumerLag: Readonly<Record<string, number>>;
  /** task id -> its event-time watermark (epoch ms; -Infinity before any record). */
  readonly watermarkMs: Readonly<Record<string, number>>;
  readonly checkpoints: number;
  readonly lastCheckpointDurationMs: number;
  /** Keys written or deleted since the last checkpoint, over every store. */
  readonly dirtyStateEntries: number;
  /** LevelDB's estimate of the bytes the assigned tasks' state takes on disk, as of the last checkpoint. */
  readonly stateBytes: number;
  readonly assignedTasks: readonly string[];
  /** Stores rebuilt from their changelog because the local state was missing or behind. */
  readonly changelogRestores: number;
  /** Repartition records dropped because they replayed an origin already processed (after a crash upstream). */
  readonly replayedRepartitionRecords: number;
  /** Batches processed while an at-least-once checkpoint waited for the broker or the disk (they belong to the next one). */
  readonly batchesDuringCheckpoints: number;
}

/** A streaming run in progress. */
export interface RunningTopology {
  /** True once the first assignment is restored and processing. */
  isReady(): boolean;
  metrics(): RuntimeMetrics;
  /** Graceful stop: final checkpoint (outputs flushed, state committed, offsets committed), leave the group. */
  stop(): Promise<RunSummary>;
  /** Settles when the run ends: resolves after `stop()`, rejects when processing failed. */
  readonly stopped: Promise<RunSummary>;
}
