import { join } from 'node:path';

/**
 * The columns every archived row carries besides its view's fields: where it was read (Kafka
 * coordinates), when it was written (record timestamp), the event time it describes (its window's
 * end, or the record timestamp for views that are not windowed) and from when it may be used.
 * Times are epoch milliseconds. `view` and `date` come from the Hive partition directories.
 */
export const offlineColumns = {
  entityKey: 'entity_key',
  topic: 'kafka_topic',
  partition: 'kafka_partition',
  offset: 'kafka_offset',
  recordTimestampMs: 'record_timestamp_ms',
  eventTimeMs: 'event_time_ms',
  availableAtMs: 'available_at_ms',
  emission: 'emission',
} as const;

/** Column names a view's fields may not use: the metadata columns and the Hive partition keys. */
export const reservedColumnNames: readonly string[] = [...Object.values(offlineColumns), 'view', 'date'];

const PART_FILE = /^part-(.+)-(\d+)-(\d{20})-(\d{20})-(\d+)of(\d+)\.parquet$/;
const OFFSET_DIGITS = 20;
/** A file being written: it does not end in `.parquet`, so readers never see it, and a restart deletes it. */
export const TEMP_SUFFIX = '.parquet.tmp';

/** Where a part file is written before it is published under its name. */
export function temporaryPathOf(partPath: string): string {
  return `${partPath.slice(0, -'.parquet'.length)}${TEMP_SUFFIX}`;
}

/**
 * What a part file holds: rows of offsets `firstOffset..lastOffset` of one partition that fall on
 * its date. One append writes one file per date, `index` of `count`; together they hold every row
 * of the range that an earlier file did not already hold. A group with a file missing is a crash
 * in the middle of an append: its offsets were not committed, so the group is deleted and rewritten.
 */
export interface PartFile {
  readonly topic: string;
  readonly partition: number;
  readonly firstOffset: bigint;
  readonly lastOffset: bigint;
  /** 1-based position of the file in its append's group of `count` files. */
  readonly index: number;
  readonly count: number;
}

/** `<root>/view=<name>`: every file of one view. */
export function viewDirectory(root: string, viewName: string): string {
  return join(root, `view=${viewName}`);
}

/** `<root>/view=<name>/date=<YYYY-MM-DD>`: the rows of one view that became available on that UTC day. */
export function dateDirectory(root: string, viewName: string, date: string): string {
  return join(viewDirectory(root, viewName), `date=${date}`);
}

/** A glob of every part file of a view, for `read_parquet`. */
export function viewGlob(root: string, viewName: string): string {
  return join(viewDirectory(root, viewName), 'date=*', '*.parquet');
}

/** The UTC day of an epoch-ms time, `YYYY-MM-DD`: a row's partition is the day it became available. */
export function utcDateOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * `part-<topic>-<partition>-<first offset>-<last offset>-<index>of<count>.parquet`, offsets
 * zero-padded to 20 digits so names sort by offset.
 */
export function partFileName(part: PartFile): string {
  const pad = (offset: bigint) => offset.toString().padStart(OFFSET_DIGITS, '0');
  return `part-${part.topic}-${part.partition}-${pad(part.firstOffset)}-${pad(part.lastOffset)}-${part.index}of${part.count}.parquet`;
}

/** What a part file's name says, or `undefined` for a name that is not a part file. */
export function parsePartFileName(name: string): PartFile | undefined {
  const match = PART_FILE.exec(name);
  if (match === null) return undefined;
  const [, topic, partition, first, last, index, count] = match as unknown as string[];
  return {
    topic: topic!,
    partition: Number(partition),
    firstOffset: BigInt(first!),
    lastOffset: BigInt(last!),
    index: Number(index),
    count: Number(count),
  };
}

/** The key shared by the files of one append: same partition, same offset range, same count. */
export function appendGroupOf(part: PartFile): string {
  return `${part.topic}/${part.partition}/${part.firstOffset}-${part.lastOffset}/${part.count}`;
}
