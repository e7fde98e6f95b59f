/** A SQL string literal: file paths and names go into DuckDB statements only through this. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier, so any column name (even `date` or one with spaces) is safe. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
