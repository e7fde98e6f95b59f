import type { DuckDbSession } from './duckdb-session';
import type { ArchivedRow } from './archived-row';
import type { FeatureColumn } from './feature-columns';
import { offlineColumns } from './store-layout';
import { sqlIdentifier, sqlString } from './sql-text';

const STAGING_TABLE = 'fp_offline_staging';

/** The metadata columns, in file order, after the view's fields. */
const metadataColumns: readonly FeatureColumn[] = [
  { name: offlineColumns.entityKey, sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(v as string) },
  { name: offlineColumns.topic, sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(v as string) },
  { name: offlineColumns.partition, sqlType: 'INTEGER', append: (a, v) => a.appendInteger(v as number) },
  { name: offlineColumns.offset, sqlType: 'BIGINT', append: (a, v) => a.appendBigInt(v as bigint) },
  { name: offlineColumns.recordTimestampMs, sqlType: 'BIGINT', append: (a, v) => a.appendBigInt(BigInt(v as number)) },
  { name: offlineColumns.eventTimeMs, sqlType: 'BIGINT', append: (a, v) => a.appendBigInt(BigInt(v as number)) },
  { name: offlineColumns.availableAtMs, sqlType: 'BIGINT', append: (a, v) => a.appendBigInt(BigInt(v as number)) },
  { name: offlineColumns.emission, sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(v as string) },
];

function metadataValues(row: ArchivedRow): readonly unknown[] {
  return [
    row.entityKey,
    row.topic,
    row.partition,
    row.offset,
    row.recordTimestampMs,
    row.eventTimeMs,
    row.availableAtMs,
    row.emission,
  ];
}

/**
 * Writes rows to one Parquet file (zstd) at `path` through a staging table: the view's fields in
 * schema order, then the metadata columns. The caller publishes the file (fsync, rename).
 */
export async function writeParquetPart(
  session: DuckDbSession,
  columns: readonly FeatureColumn[],
  rows: readonly ArchivedRow[],
  path: string,
): Promise<void> {
  const { connection } = session;
  const all = [...columns, ...metadataColumns];
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${STAGING_TABLE} (${all.map((column) => `${sqlIdentifier(column.name)} ${column.sqlType}`).join(', ')})`,
  );
  try {
    const appender = await connection.createAppender(STAGING_TABLE);
    for (const archived of rows) {
      const fields = archived.row as Record<string, unknown>;
      for (const column of columns) column.append(appender, fields[column.name]);
      const metadata = metadataValues(archived);
      for (let index = 0; index < metadataColumns.length; index++)
        metadataColumns[index]!.append(appender, metadata[index]);
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(`COPY ${STAGING_TABLE} TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
  }
}

/** The SQL column list of a view's files, for an empty relation when a view has no file yet. */
export function emptyViewSql(columns: readonly FeatureColumn[]): string {
  const all = [...columns, ...metadataColumns];
  return `SELECT ${all.map((column) => `CAST(NULL AS ${column.sqlType}) AS ${sqlIdentifier(column.name)}`).join(', ')} WHERE false`;
}
