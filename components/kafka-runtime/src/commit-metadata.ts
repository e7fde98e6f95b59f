/**
 * The metadata committed with a task's consumer offsets: the task's watermark inputs (stream time
 * survives restarts, as in Kafka Streams) and, under exactly-once, the number of the transaction
 * that committed them. One flat JSON object; the number sits under a key no watermark input is
 * named after, so metadata written before it existed reads the same.
 */
const CHECKPOINT_NUMBER_KEY = 'fp-checkpoint';

export interface CommitMetadata {
  readonly watermarks: Record<string, number>;
  /** `undefined` when none was committed (at-least-once, or an older version). */
  readonly checkpointNumber: number | undefined;
}

export function encodeCommitMetadata(watermarks: Record<string, number>, checkpointNumber?: number): string {
  return JSON.stringify(
    checkpointNumber === undefined ? watermarks : { ...watermarks, [CHECKPOINT_NUMBER_KEY]: checkpointNumber },
  );
}

export function parseCommitMetadata(metadata: string | null | undefined): CommitMetadata {
  if (!metadata) return { watermarks: {}, checkpointNumber: undefined };
  const { [CHECKPOINT_NUMBER_KEY]: checkpointNumber, ...watermarks } = JSON.parse(metadata) as Record<string, number>;
  return { watermarks, checkpointNumber };
}
