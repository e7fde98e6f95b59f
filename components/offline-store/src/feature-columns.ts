import type { AnyFeatureView } from '@fp/feature-views';
import type { DuckDBAppender } from '@duckdb/node-api';
import { OfflineStoreError } from './errors';
import { reservedColumnNames } from './store-layout';

/** How one field of a view's row is stored: its DuckDB type and how a row value is appended. */
export interface FeatureColumn {
  readonly name: string;
  readonly sqlType: string;
  readonly append: (appender: DuckDBAppender, value: unknown) => void;
}

type Append = FeatureColumn['append'];

const toBigInt = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(value as number));

/** Avro primitives and their Parquet-friendly DuckDB forms; a timestamp-millis stays epoch ms (BIGINT), as in the row. */
const primitiveColumns: Record<string, { sqlType: string; append: Append }> = {
  long: { sqlType: 'BIGINT', append: (appender, value) => appender.appendBigInt(toBigInt(value)) },
  int: { sqlType: 'INTEGER', append: (appender, value) => appender.appendInteger(value as number) },
  double: { sqlType: 'DOUBLE', append: (appender, value) => appender.appendDouble(value as number) },
  float: { sqlType: 'FLOAT', append: (appender, value) => appender.appendFloat(value as number) },
  boolean: { sqlType: 'BOOLEAN', append: (appender, value) => appender.appendBoolean(value as boolean) },
  string: { sqlType: 'VARCHAR', append: (appender, value) => appender.appendVarchar(value as string) },
  enum: { sqlType: 'VARCHAR', append: (appender, value) => appender.appendVarchar(value as string) },
  bytes: { sqlType: 'BLOB', append: (appender, value) => appender.appendBlob(value as Uint8Array) },
  fixed: { sqlType: 'BLOB', append: (appender, value) => appender.appendBlob(value as Uint8Array) },
};

/** Records, arrays, maps and unions of several types are kept as JSON text: nothing is lost, DuckDB's JSON functions read it. */
const jsonColumn = {
  sqlType: 'VARCHAR',
  append: (appender: DuckDBAppender, value: unknown) =>
    appender.appendVarchar(
      JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item)),
    ),
};

/**
 * The stored columns of a view's row fields, in schema order.
 *
 * @throws OfflineStoreError `OFFLINE_STORE_INVALID_OPTIONS` when a field uses a reserved column name
 */
export function featureColumnsOf(view: AnyFeatureView): readonly FeatureColumn[] {
  const fields = avroFieldsOf(view);
  const clashes = fields.map((field) => field.name).filter((name) => reservedColumnNames.includes(name));
  if (clashes.length > 0) {
    throw new OfflineStoreError(
      'OFFLINE_STORE_INVALID_OPTIONS',
      `view ${view.name}: field(s) ${clashes.join(', ')} clash with the store's columns (${reservedColumnNames.join(', ')})`,
    );
  }
  return fields.map((field) => columnOf(field.name, field.type));
}

function columnOf(name: string, avroType: unknown): FeatureColumn {
  const type = withoutNull(avroType);
  const kind = typeof type === 'string' ? type : (type as { type?: unknown }).type;
  const primitive = typeof kind === 'string' ? primitiveColumns[kind] : undefined;
  const { sqlType, append } = primitive ?? jsonColumn;
  return {
    name,
    sqlType,
    append: (appender, value) => {
      if (value === null || value === undefined) appender.appendNull();
      else append(appender, value);
    },
  };
}

/** `["null", T]` (either order) is stored as T: every Parquet column may hold nulls. */
function withoutNull(avroType: unknown): unknown {
  if (!Array.isArray(avroType)) return avroType;
  const others = avroType.filter((branch) => branch !== 'null');
  return others.length === 1 ? others[0] : avroType;
}

function avroFieldsOf(view: AnyFeatureView): readonly { name: string; type: unknown }[] {
  const schema = view.avroSchema as unknown;
  const json =
    typeof schema === 'object' && schema !== null && 'schema' in schema && typeof schema.schema === 'function'
      ? (schema.schema as () => unknown)()
      : schema;
  return (json as { fields: { name: string; type: unknown }[] }).fields;
}
