import { rm, writeFile } from 'node:fs/promises';
import { openDuckDbSession } from './duckdb-session';
import { OfflineStoreError } from './errors';
import { sqlString } from './sql-text';

/**
 * What a CSV column may be read as: text that looks like a date or a time stays text, as the
 * records that have such fields hold them (`departure_time: '2024-03-31T01:30:00'`).
 */
const CSV_TYPES = "['BOOLEAN', 'BIGINT', 'DOUBLE', 'VARCHAR']";

/**
 * Every row of a `.parquet` or `.csv` (with a header) file as plain objects, in file order:
 * integers as numbers (exact up to 2^53, as Avro longs decode), nulls as null, CSV text as text.
 * For backfills from historical files and for reading a training set back.
 *
 * @throws OfflineStoreError `OFFLINE_STORE_INVALID_OPTIONS` for another file type
 */
export async function readTableFile(path: string): Promise<Record<string, unknown>[]> {
  const reader = path.toLowerCase().endsWith('.parquet')
    ? `read_parquet(${sqlString(path)})`
    : path.toLowerCase().endsWith('.csv')
      ? `read_csv(${sqlString(path)}, header = true, auto_type_candidates = ${CSV_TYPES})`
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
    // The columns' types come from the values, so text that looks like a time stays text.
    const jsonPath = `${path}.jsonl`;
    await writeFile(jsonPath, rows.map((row) => JSON.stringify(row)).join('\n'));
    try {
      await session.connection.run(
        `COPY (SELECT * FROM read_json(${sqlString(jsonPath)}, format = 'newline_delimited', columns = ${columnTypes(rows)})) TO ${sqlString(path)} (FORMAT ${format}${format === 'csv' ? ', HEADER' : ''})`,
      );
    } finally {
      await rm(jsonPath, { force: true });
    }
  } finally {
    session.close();
  }
}

/** A DuckDB struct of each field's type: text, integer, number, boolean, or JSON for anything else. */
function columnTypes(rows: readonly Record<string, unknown>[]): string {
  const types = new Map<string, string>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      if (value === null || value === undefined) {
        if (!types.has(name)) types.set(name, '');
        continue;
      }
      types.set(name, widerType(types.get(name) || undefined, typeOf(value)));
    }
  }
  const columns = [...types].map(([name, type]) => `${sqlString(name)}: ${sqlString(type || 'VARCHAR')}`);
  return `{${columns.join(', ')}}`;
}

function typeOf(value: unknown): string {
  if (typeof value === 'string') return 'VARCHAR';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isInteger(value) ? 'BIGINT' : 'DOUBLE';
  return 'JSON';
}

/** Integers and fractions make a DOUBLE column; any other mix is kept as JSON. */
function widerType(known: string | undefined, next: string): string {
  if (known === undefined || known === next) return next;
  const numbers = new Set(['BIGINT', 'DOUBLE']);
  return numbers.has(known) && numbers.has(next) ? 'DOUBLE' : 'JSON';
}
