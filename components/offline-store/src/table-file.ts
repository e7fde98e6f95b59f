import { rm, writeFile } from 'node:fs/promises';
import { openDuckDbSession } from './duckdb-session';
import { OfflineStoreError } from './errors';
import { sqlString } from './sql-text';

/**
 * Every row of a `.parquet` or `.csv` (with a header) file as plain objects, in file order:
 * integers as numbers (exact up to 2^53, as Avro longs decode), nulls as null. For backfills from
 * historical files and for reading a training set back.
 *
 * @throws OfflineStoreError `OFFLINE_STORE_INVALID_OPTIONS` for another file type
 */
export async function readTableFile(path: string): Promise<Record<string, unknown>[]> {
  const reader = path.toLowerCase().endsWith('.parquet')
    ? `read_parquet(${sqlString(path)})`
    : path.toLowerCase().endsWith('.csv')
      ? `read_csv(${sqlString(path)}, header = true)`
      : undefined;
  if (reader === undefined) {
    throw new OfflineStoreError('OFFLINE_STORE_INVALID_OPTIONS', `a table file must be .parquet or .csv, got ${path}`);
  }
  const session = await openDuckDbSession();
  try {
    const result = await session.connection.runAndReadAll(`SELECT * FROM ${reader}`);
    return result.getRowObjects().map((row) => {
      const plain: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row)) plain[name] = typeof value === 'bigint' ? Number(value) : value;
      return plain;
    });
  } finally {
    session.close();
  }
}

/** Writes rows (all with the same fields) to a `.parquet` or `.csv` file, e.g. historical input for a backfill. */
export async function writeTableFile(path: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const format = path.toLowerCase().endsWith('.parquet')
    ? 'parquet'
    : path.toLowerCase().endsWith('.csv')
      ? 'csv'
      : undefined;
  if (format === undefined) {
    throw new OfflineStoreError('OFFLINE_STORE_INVALID_OPTIONS', `a table file must be .parquet or .csv, got ${path}`);
  }
  const session = await openDuckDbSession();
  try {
    // DuckDB infers the column types from the JSON lines, as it would from any export.
    const jsonPath = `${path}.jsonl`;
    await writeFile(jsonPath, rows.map((row) => JSON.stringify(row)).join('\n'));
    try {
      await session.connection.run(
        `COPY (SELECT * FROM read_json(${sqlString(jsonPath)}, format = 'newline_delimited')) TO ${sqlString(path)} (FORMAT ${format}${format === 'csv' ? ', HEADER' : ''})`,
      );
    } finally {
      await rm(jsonPath, { force: true });
    }
  } finally {
    session.close();
  }
}
