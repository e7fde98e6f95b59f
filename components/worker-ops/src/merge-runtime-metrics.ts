import type { RunSummary, RuntimeMetrics } from '@fp/kafka-runtime';
import { sumCounters } from '@fp/stream-runtime/internal';

/**
 * The figures of a process's stream threads as one worker's: counts add up, per-partition and
 * per-task maps join (each partition and task belongs to one thread at a time), and the last
 * checkpoint duration is the slowest thread's.
 */
export function mergeRuntimeMetrics(all: readonly RuntimeMetrics[]): RuntimeMetrics {
  const sum = (read: (metrics: RuntimeMetrics) => number): number =>
    all.reduce((total, metrics) => total + read(metrics), 0);
  return {
    ...sumCounters(all),
    consumerLag: Object.assign({}, ...all.map((metrics) => metrics.consumerLag)) as Record<string, number>,
    watermarkMs: Object.assign({}, ...all.map((metrics) => metrics.watermarkMs)) as Record<string, number>,
    checkpoints: sum((metrics) => metrics.checkpoints),
    lastCheckpointDurationMs: Math.max(0, ...all.map((metrics) => metrics.lastCheckpointDurationMs)),
    dirtyStateEntries: sum((metrics) => metrics.dirtyStateEntries),
    stateBytes: sum((metrics) => metrics.stateBytes),
    assignedTasks: all.flatMap((metrics) => metrics.assignedTasks).sort(),
    changelogRestores: sum((metrics) => metrics.changelogRestores),
    replayedRepartitionRecords: sum((metrics) => metrics.replayedRepartitionRecords),
    batchesDuringCheckpoints: sum((metrics) => metrics.batchesDuringCheckpoints),
  };
}

/** The summaries of a process's stream threads as one streaming run's: counts add up, the longest duration. */
export function mergeRunSummaries(all: readonly RunSummary[]): RunSummary {
  return {
    mode: 'streaming',
    durationMs: Math.max(0, ...all.map((summary) => summary.durationMs)),
    ...sumCounters(all),
  };
}
