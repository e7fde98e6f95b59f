import type { AppendBatch, ArchivedRow } from '@fp/offline-store';

/**
 * The rows read from one partition and not yet archived: consecutive offsets `firstOffset..lastOffset`
 * (all consumed, with a row or not). Buffering across fetched batches keeps part files large
 * when traffic is light; the offsets are committed only after the buffer is archived.
 */
export class PartitionBuffer<Row> {
  private rows: ArchivedRow<Row>[] = [];
  private firstOffset: bigint | undefined;
  private lastOffset: bigint | undefined;
  /** When the oldest buffered record was read (processing time, ms), for the flush interval. */
  private firstReadAtMs: number | undefined;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** Records that offsets up to `lastOffset` were consumed, with these rows (possibly none). */
  add(firstOffset: bigint, lastOffset: bigint, rows: readonly ArchivedRow<Row>[], nowMs: number): void {
    this.firstOffset ??= firstOffset;
    this.firstReadAtMs ??= nowMs;
    this.lastOffset = lastOffset;
    for (const row of rows) this.rows.push(row);
  }

  get rowCount(): number {
    return this.rows.length;
  }

  get isEmpty(): boolean {
    return this.lastOffset === undefined;
  }

  /** How long the oldest buffered record has waited (0 when empty). */
  ageMs(nowMs: number): number {
    return this.firstReadAtMs === undefined ? 0 : nowMs - this.firstReadAtMs;
  }

  /** The buffered range as an append, emptying the buffer; `undefined` when empty. */
  take(): AppendBatch<Row> | undefined {
    if (this.firstOffset === undefined || this.lastOffset === undefined) return undefined;
    const batch = {
      topic: this.topic,
      partition: this.partition,
      firstOffset: this.firstOffset,
      lastOffset: this.lastOffset,
      rows: this.rows,
    };
    this.rows = [];
    this.firstOffset = undefined;
    this.lastOffset = undefined;
    this.firstReadAtMs = undefined;
    return batch;
  }
}
