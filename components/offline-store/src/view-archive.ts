import type { FeatureView } from '@fp/feature-views';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { toArchivedRow, type ArchivedRow, type RecordCoordinates } from './archived-row';
import type { DuckDbSession } from './duckdb-session';
import { EmissionTracker } from './emission-tracker';
import { featureColumnsOf, type FeatureColumn } from './feature-columns';
import { publishFile } from './durable-files';
import type { OffsetCoverage } from './offset-coverage';
import { writeParquetPart } from './parquet-part-writer';
import { sqlString } from './sql-text';
import { recoverViewFiles } from './store-files';
import { dateDirectory, offlineColumns, partFileName, temporaryPathOf, utcDateOf, viewGlob } from './store-layout';

/** Rows read from one partition's consecutive offsets `firstOffset..lastOffset` (every offset consumed, with a row or not). */
export interface AppendBatch<Row> {
  readonly topic: string;
  readonly partition: number;
  readonly firstOffset: bigint;
  readonly lastOffset: bigint;
  readonly rows: readonly ArchivedRow<Row>[];
}

export interface AppendResult {
  /** The part files now durable, one per date the rows fall on. */
  readonly files: readonly string[];
  readonly rowsWritten: number;
  /** Rows an earlier append already wrote (a replay after a crash). */
  readonly rowsSkipped: number;
}

/**
 * One view's history in the store. `append` makes rows durable before it returns (temporary file,
 * fsync, rename, fsync of the directory), so a consumer commits offsets only after it; a crash at
 * any moment leaves either a whole append group or files that `open` deletes; rows whose offsets
 * are already archived are skipped, so a replay never duplicates a row.
 */
export class ViewArchive<Row> {
  private coverage!: OffsetCoverage;
  private tracker!: EmissionTracker;
  private readonly columns: readonly FeatureColumn[];

  private constructor(
    private readonly session: DuckDbSession,
    private readonly root: string,
    readonly view: FeatureView<Row>,
  ) {
    this.columns = featureColumnsOf(view);
  }

  /** Cleans up after a crash (see `recoverViewFiles`), then learns the archived offsets and recent windows. */
  static async open<Row>(session: DuckDbSession, root: string, view: FeatureView<Row>): Promise<ViewArchive<Row>> {
    const archive = new ViewArchive<Row>(session, root, view);
    await archive.refresh();
    return archive;
  }

  /**
   * Re-reads what the store holds: after a rebalance, another archiver may have written this
   * view's partitions. Returns the files deleted as unfinished.
   */
  async refresh(): Promise<readonly string[]> {
    const recovered = await recoverViewFiles(this.root, this.view.name);
    this.coverage = recovered.coverage;
    this.tracker = await this.seededTracker(recovered.partFiles > 0);
    return recovered.discarded;
  }

  /** Whether a record's row is already in the store (skip it: a replay after a crash). */
  isArchived(topic: string, partition: number, offset: bigint): boolean {
    return this.coverage.covers(topic, partition, offset);
  }

  /** The row with its entity, coordinates and times. Call it in offset order, once per record not archived. */
  toArchivedRow(coordinates: RecordCoordinates, row: Row): ArchivedRow<Row> {
    return toArchivedRow(this.view, this.tracker, coordinates, row);
  }

  async append(batch: AppendBatch<Row>): Promise<AppendResult> {
    const fresh = batch.rows.filter((row) => !this.coverage.covers(row.topic, row.partition, row.offset));
    const byDate = new Map<string, ArchivedRow<Row>[]>();
    for (const row of fresh) {
      const date = utcDateOf(row.availableAtMs);
      const rows = byDate.get(date);
      if (rows === undefined) byDate.set(date, [row]);
      else rows.push(row);
    }
    const files: string[] = [];
    let index = 0;
    for (const [date, rows] of byDate) {
      index++;
      const directory = dateDirectory(this.root, this.view.name, date);
      await mkdir(directory, { recursive: true });
      const path = join(directory, partFileName({ ...batch, index, count: byDate.size }));
      await writeParquetPart(this.session, this.columns, rows as readonly ArchivedRow[], temporaryPathOf(path));
      files.push(path);
    }
    // Every file of the group is written before any is published, so a crash leaves a group whole or short (deleted on open).
    for (const path of files) await publishFile(temporaryPathOf(path), path);
    if (files.length > 0) this.coverage.add(batch.topic, batch.partition, batch.firstOffset, batch.lastOffset);
    return { files, rowsWritten: fresh.length, rowsSkipped: batch.rows.length - fresh.length };
  }

  /** Remembers each entity's windows that may still be updated, from the rows archived so far. */
  private async seededTracker(hasFiles: boolean): Promise<EmissionTracker> {
    const availability = this.view.availability;
    const lateness = availability.kind === 'window' ? availability.allowedLatenessMs : 0;
    const tracker = new EmissionTracker(lateness);
    if (!hasFiles || availability.kind !== 'window') return tracker;
    const { entityKey, eventTimeMs } = offlineColumns;
    const reader = await this.session.connection.runAndReadAll(
      `SELECT ${entityKey}, ${eventTimeMs} FROM read_parquet(${sqlString(viewGlob(this.root, this.view.name))})
       QUALIFY ${eventTimeMs} >= max(${eventTimeMs}) OVER (PARTITION BY ${entityKey}) - ${lateness}
       ORDER BY ${eventTimeMs}`,
    );
    for (const [key, end] of reader.getRows() as [string, bigint][]) tracker.remember(key, Number(end));
    return tracker;
  }
}
