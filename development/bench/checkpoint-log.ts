/**
 * Checkpoint durations as the worker logs them: at debug level, one JSON line per checkpoint with
 * `msg: 'checkpoint'`, `reason` and `durationMs` (`@fp/kafka-runtime` runStreaming).
 *
 * Why the log and not `/metrics`: `fp_checkpoint_duration_ms` is only the LAST checkpoint's
 * duration, and checkpoints can come back to back (seen: a 640 ms one followed 7 ms later by a 7 ms
 * one), so any scrape interval hides some, and the slow ones are the ones hidden. The log has every
 * checkpoint, the final one at SIGTERM included. The price is LOG_LEVEL=debug, which also turns on
 * kafkajs' debug lines; those come per request (batches of thousands of records), a few dozen lines
 * a second, too few to slow the worker measurably.
 */
export interface CheckpointLog {
  /** Feed every stdout line of the worker. */
  onLogLine(line: string): void;
  /** Durations in ms, in the order the checkpoints finished. */
  readonly durationsMs: readonly number[];
  /** Per checkpoint, in the same order, the time of each phase the worker logs (`outputFlushMs`, `changelogMs`, ...) and `changelogRecords`. */
  readonly phasesMs: readonly Readonly<Record<string, number>>[];
}

/** Cheap pre-filter: only lines that can be checkpoint entries are parsed. */
const CHECKPOINT_MARK = '"msg":"checkpoint"';

export function createCheckpointLog(): CheckpointLog {
  const durationsMs: number[] = [];
  const phasesMs: Record<string, number>[] = [];
  return {
    onLogLine(line) {
      if (!line.includes(CHECKPOINT_MARK)) return;
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry['msg'] !== 'checkpoint' || typeof entry['durationMs'] !== 'number') return;
      durationsMs.push(entry['durationMs']);
      phasesMs.push(
        Object.fromEntries(
          Object.entries(entry).filter(
            (field): field is [string, number] =>
              (field[0].endsWith('Ms') || field[0] === 'changelogRecords') &&
              field[0] !== 'durationMs' &&
              typeof field[1] === 'number',
          ),
        ),
      );
    },
    durationsMs,
    phasesMs,
  };
}
