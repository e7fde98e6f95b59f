import type { AnyFeatureView } from '@fp/feature-views';
import { FeatureArchivingError } from './errors';
import { readTableFile, type ArchivedRow, type OfflineStore } from '@fp/offline-store';
import { runLocal, type LocalInput } from '@fp/stream-runtime';
import type { Topology } from '@fp/topology';

/**
 * One source's historical file, and the column with each record's timestamp (epoch ms; default 0:
 * right for a pipeline whose event time is a field, never for one whose event time is the record
 * timestamp).
 */
export interface BackfillInput {
  readonly file: string;
  readonly timestampColumn?: string;
}

export interface FileBackfillOptions {
  readonly store: OfflineStore;
  /** The same topology the pipeline runs on Kafka. */
  readonly topology: Topology;
  readonly view: AnyFeatureView;
  /** The topology's output topic of the view's rows; default the view's topic. */
  readonly outputTopic?: string;
  /** Per source step name or topic: a `.parquet` or `.csv` file whose columns are the record's fields. */
  readonly inputs: Readonly<Record<string, BackfillInput>>;
  /** Partitions per topic, as on Kafka (default 1): the rows' partitions and offsets follow it. */
  readonly partitions?: number;
  /** Rows per append (default 100,000). */
  readonly appendRows?: number;
  readonly stateDir?: string;
}

export interface FileBackfillSummary {
  readonly recordsRead: number;
  readonly rowsArchived: number;
  readonly files: number;
}

const DEFAULT_APPEND_ROWS = 100_000;

/**
 * Runs a pipeline's topology bounded over historical files (`runLocal`: the same code, every
 * window fired at the end) and archives the view's rows in the offline store, each with the
 * coordinates Kafka would have given it (its output partition; offsets from 0 in write order), so
 * a second run over the same files archives nothing twice.
 */
export async function backfillFromFiles(options: FileBackfillOptions): Promise<FileBackfillSummary> {
  const inputs: Record<string, LocalInput> = {};
  for (const [source, input] of Object.entries(options.inputs)) {
    const rows = await readTableFile(input.file);
    const column = input.timestampColumn;
    inputs[source] = {
      records: rows.map((value, index) => ({
        value,
        timestampMs: column === undefined ? 0 : timestampOf(value, column, input.file, index),
      })),
    };
  }
  const topic = options.outputTopic ?? options.view.topic;
  const archive = await options.store.openView(options.view);
  // Per output partition: how many rows it got (the next offset) and those not archived yet.
  const byPartition = new Map<number, { written: number; rows: ArchivedRow<unknown>[] }>();
  const result = await runLocal(options.topology, {
    inputs,
    ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
    ...(options.stateDir === undefined ? {} : { stateDir: options.stateDir }),
    onOutput: (outputTopic, record) => {
      if (outputTopic !== topic || record.value === null) return;
      const partition = byPartition.get(record.partition) ?? { written: 0, rows: [] };
      byPartition.set(record.partition, partition);
      const offset = BigInt(partition.written++);
      if (archive.isArchived(topic, record.partition, offset)) return;
      partition.rows.push(
        archive.toArchivedRow(
          { topic, partition: record.partition, offset, timestampMs: record.timestampMs },
          record.value,
        ),
      );
    },
  });
  let rowsArchived = 0;
  let files = 0;
  const chunk = options.appendRows ?? DEFAULT_APPEND_ROWS;
  for (const [partition, { rows }] of byPartition) {
    for (let start = 0; start < rows.length; start += chunk) {
      const slice = rows.slice(start, start + chunk);
      // The rows not archived yet are consecutive offsets, so a chunk's range holds all of them.
      const appended = await archive.append({
        topic,
        partition,
        firstOffset: slice[0]!.offset,
        lastOffset: slice.at(-1)!.offset,
        rows: slice,
      });
      rowsArchived += appended.rowsWritten;
      files += appended.files.length;
    }
  }
  return { recordsRead: result.recordsRead, rowsArchived, files };
}

/** A record timestamp is epoch milliseconds: a row without one is bad input, not time zero. */
function timestampOf(row: Record<string, unknown>, column: string, file: string, index: number): number {
  const value = row[column];
  // A CSV column with one bad value is read as text: its other values are still numbers.
  const ms = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new FeatureArchivingError(
      'FEATURE_ARCHIVING_INVALID_OPTIONS',
      `${file}: row ${index + 1} has ${column in row ? `${JSON.stringify(String(value))} in` : 'no'} timestamp column "${column}" (epoch milliseconds expected)`,
    );
  }
  return ms;
}
