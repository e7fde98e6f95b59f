/** How far one partition of a view's topic has been read, against what there is to read. */
export interface PartitionProgress {
  readonly view: string;
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read (what the store has read up to, transaction markers included). */
  readonly position: string;
  /** The end offset captured at start: `/readyz` waits until every position reached it. */
  readonly endOffsetAtStart: string;
  /** The partition's end as last seen (the start's end offset, then each fetch's high watermark). */
  readonly highWatermark: string;
  /** Records behind: `highWatermark - position`, at least 0. */
  readonly lagRecords: number;
}

/** `end - position` in records, 0 when the position is at or past the end. */
export function recordsBehind(position: string, end: string): number {
  const behind = BigInt(end) - BigInt(position);
  return behind > 0n ? Number(behind) : 0;
}

/** The later of two offsets (decimal strings: Kafka offsets are 64-bit). */
export function laterOffset(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}
