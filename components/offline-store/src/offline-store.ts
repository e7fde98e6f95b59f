import type { FeatureView, RowEmission } from '@fp/feature-views';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { ArchivedRow } from './archived-row';
import { openDuckDbSession, type DuckDbSession } from './duckdb-session';
import { featureColumnsOf } from './feature-columns';
import { sqlString } from './sql-text';
import { offlineColumns, viewDirectory, viewGlob } from './store-layout';
import { ViewArchive } from './view-archive';

export interface OfflineStoreOptions {
  /** The store's root directory: `<root>/view=<name>/date=<YYYY-MM-DD>/part-*.parquet`. */
  readonly root: string;
}

/** A directory of Parquet feature history, read and written with an in-process DuckDB. */
export interface OfflineStore {
  readonly root: string;
  /** One view's history, cleaned up after any crash; see `ViewArchive`. */
  openView<Row>(view: FeatureView<Row>): Promise<ViewArchive<Row>>;
  /** Every archived row of a view, ordered by topic, partition and offset (for checks and small views). */
  readRows<Row>(view: FeatureView<Row>): Promise<ArchivedRow<Row>[]>;
  close(): void;
}

export async function openOfflineStore(options: OfflineStoreOptions): Promise<OfflineStore> {
  const session = await openDuckDbSession();
  return {
    root: options.root,
    openView: (view) => ViewArchive.open(session, options.root, view),
    readRows: (view) => readArchivedRows(session, options.root, view),
    close: () => session.close(),
  };
}

/** Whether a view has any part file yet (`read_parquet` refuses a glob that matches nothing). */
export async function viewHasFiles(root: string, viewName: string): Promise<boolean> {
  const directory = viewDirectory(root, viewName);
  if (!existsSync(directory)) return false;
  for (const date of await readdir(directory)) {
    if (!date.startsWith('date=')) continue;
    if ((await readdir(`${directory}/${date}`)).some((name) => name.endsWith('.parquet'))) return true;
  }
  return false;
}

async function readArchivedRows<Row>(
  session: DuckDbSession,
  root: string,
  view: FeatureView<Row>,
): Promise<ArchivedRow<Row>[]> {
  if (!(await viewHasFiles(root, view.name))) return [];
  const fields = featureColumnsOf(view).map((column) => column.name);
  const c = offlineColumns;
  const reader = await session.connection.runAndReadAll(
    `SELECT * FROM read_parquet(${sqlString(viewGlob(root, view.name))}, hive_partitioning = false)
     ORDER BY ${c.topic}, ${c.partition}, ${c.offset}`,
  );
  return reader.getRowObjects().map((record) => ({
    row: Object.fromEntries(fields.map((field) => [field, toJsNumber(record[field])])) as Row,
    entityKey: record[c.entityKey] as string,
    topic: record[c.topic] as string,
    partition: record[c.partition] as number,
    offset: record[c.offset] as bigint,
    recordTimestampMs: Number(record[c.recordTimestampMs]),
    eventTimeMs: Number(record[c.eventTimeMs]),
    availableAtMs: Number(record[c.availableAtMs]),
    emission: record[c.emission] as RowEmission,
  }));
}

/** BIGINT columns come back as bigint; rows carry numbers, as their Avro decoding gives them. */
function toJsNumber(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}
