import type { TaskCounters } from '@fp/stream-runtime/internal';

/** What a run did, for logs, metrics and the exit report of bounded runs. */
export interface RunSummary extends TaskCounters {
  readonly mode: 'bounded' | 'streaming';
  readonly durationMs: number;
  /** For bounded runs: the offset range read per input partition. */
  readonly ranges?: readonly {
    readonly topic: string;
    readonly partition: number;
    readonly startOffset: string;
    readonly endOffset: string;
  }[];
}
