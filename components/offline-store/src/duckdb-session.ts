import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** An in-memory DuckDB with one connection; Parquet and CSV files are read and written in place. */
export interface DuckDbSession {
  readonly connection: DuckDBConnection;
  close(): void;
}

/**
 * Opens an in-memory DuckDB. Times without a zone (a label file's `2026-01-01 12:00:00`) are read
 * as UTC, as every time in the store is.
 */
export async function openDuckDbSession(): Promise<DuckDbSession> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
