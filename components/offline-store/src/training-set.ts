import type { AnyFeatureView } from '@fp/feature-views';
import { extname } from 'node:path';
import { openDuckDbSession } from './duckdb-session';
import type { DuckDBConnection } from '@duckdb/node-api';
import { OfflineStoreError } from './errors';
import { featureColumnsOf } from './feature-columns';
import { viewHasFiles } from './offline-store';
import { emptyViewSql } from './parquet-part-writer';
import { sqlIdentifier, sqlString } from './sql-text';
import { offlineColumns, viewGlob } from './store-layout';

export interface TrainingSetOptions {
  /** The offline store's root directory. */
  readonly storeRoot: string;
  /** The labels: a `.csv` (with a header) or `.parquet` file. */
  readonly labelsPath: string;
  /** The labels' entity column, compared as text with the views' entity keys (`42`, an email). */
  readonly entityColumn: string;
  /**
   * The labels' time column: a timestamp or date (UTC when it has no zone), an integer of epoch
   * milliseconds, or ISO-8601 text.
   */
  readonly timeColumn: string;
  readonly views: readonly AnyFeatureView[];
  /** The training set: `.parquet` or `.csv`; the label columns, then `<view>__<field>` per feature. */
  readonly outPath: string;
  /** A feature row older than this at the label's time is not used (its columns stay null). */
  readonly maxAgeMs?: number;
}

export interface TrainingSetSummary {
  readonly labels: number;
  /** Per view: labels that got a feature row. */
  readonly matched: Readonly<Record<string, number>>;
}

const LABELS = 'fp_labels';
const KEYS = 'fp_label_keys';
const c = offlineColumns;
/** Order keys: `available_at_ms * 2^64 + partition * 2^48 + offset` (offsets stay below 2^48, partitions below 2^16). */
const MS_SHIFT = '18446744073709551616';
const PARTITION_SHIFT = '281474976710656';

/**
 * A point-in-time training set: for each label row and each view, the view's latest row for the
 * label's entity that was available at or before the label's time (`available_at_ms <= time`;
 * rows available at the same moment: the one written last, by partition then offset), or nulls when there is none or it is
 * older than `maxAgeMs`. Never a feature from the label's future. Label rows keep their order.
 *
 * @throws OfflineStoreError `OFFLINE_STORE_INVALID_OPTIONS` for unknown file types, missing or unusable columns
 */
export async function buildTrainingSet(options: TrainingSetOptions): Promise<TrainingSetSummary> {
  const outFormat = fileFormatOf(options.outPath, 'out');
  const session = await openDuckDbSession();
  try {
    const { connection } = session;
    await connection.run(
      `CREATE TEMP TABLE ${LABELS} AS SELECT * FROM ${readerOf(options.labelsPath, fileFormatOf(options.labelsPath, 'labels'))}`,
    );
    const labelTypes = await columnTypes(connection, LABELS);
    // label_key: the label's time as an order key, after every row available at that very millisecond.
    await connection.run(
      `CREATE TEMP TABLE ${KEYS} AS SELECT *, label_ms::HUGEINT * ${MS_SHIFT} + ${MS_SHIFT} - 1 AS label_key FROM (
         SELECT rowid AS label_row,
           ${entityExpression(options.entityColumn, labelTypes)} AS entity,
           ${labelTimeExpression(options.timeColumn, labelTypes)} AS label_ms
         FROM ${LABELS})`,
    );
    const joins: string[] = [];
    const selected: string[] = [];
    for (const [index, view] of options.views.entries()) {
      const table = `fp_features_${index}`;
      const outputs = await joinView(connection, options, view, table);
      joins.push(`LEFT JOIN ${table} ON ${table}.label_row = l.rowid`);
      selected.push(...outputs.map((name) => `${table}.${sqlIdentifier(name)}`));
    }
    const query = `SELECT l.*${selected.map((column) => `, ${column}`).join('')} FROM ${LABELS} l ${joins.join(' ')} ORDER BY l.rowid`;
    await connection.run(
      `COPY (${query}) TO ${sqlString(options.outPath)} (FORMAT ${outFormat}${outFormat === 'csv' ? ', HEADER' : ''})`,
    );
    return await summarize(connection, options.views);
  } finally {
    session.close();
  }
}

/** ASOF-joins one view to the label keys into `table` (`label_row` + the view's output columns); returns those columns. */
async function joinView(
  connection: DuckDBConnection,
  options: TrainingSetOptions,
  view: AnyFeatureView,
  table: string,
): Promise<string[]> {
  const entityFields: readonly string[] = view.entityKey;
  const features = featureColumnsOf(view).filter((column) => !entityFields.includes(column.name));
  const source = (await viewHasFiles(options.storeRoot, view.name))
    ? `read_parquet(${sqlString(viewGlob(options.storeRoot, view.name))}, hive_partitioning = false)`
    : `(${emptyViewSql(featureColumnsOf(view))})`;
  // Rows available at the same moment are ordered by where they were written (partition, then
  // offset), folded into one exact HUGEINT key: the ASOF match is never a tie, with no sort of its own.
  const ordered = `SELECT *, ${c.availableAtMs}::HUGEINT * ${MS_SHIFT} + ${c.partition}::HUGEINT * ${PARTITION_SHIFT} + ${c.offset} AS fp_order_key FROM ${source}`;
  const fresh =
    options.maxAgeMs === undefined ? 'true' : `k.label_ms - f.${c.availableAtMs} <= ${Math.trunc(options.maxAgeMs)}`;
  const outputs = [
    { name: `${view.name}__${c.availableAtMs}`, expression: `f.${c.availableAtMs}` },
    ...features.map((column) => ({
      name: `${view.name}__${column.name}`,
      expression: `f.${sqlIdentifier(column.name)}`,
    })),
  ];
  await connection.run(
    `CREATE TEMP TABLE ${table} AS SELECT k.label_row,
       ${outputs.map((output) => `CASE WHEN ${fresh} THEN ${output.expression} END AS ${sqlIdentifier(output.name)}`).join(', ')}
     FROM ${KEYS} k ASOF LEFT JOIN (${ordered}) f
       ON k.entity = f.${c.entityKey} AND k.label_key >= f.fp_order_key`,
  );
  return outputs.map((output) => output.name);
}

async function summarize(connection: DuckDBConnection, views: readonly AnyFeatureView[]): Promise<TrainingSetSummary> {
  const counts = views.map(
    (view, index) => `count(fp_features_${index}.${sqlIdentifier(`${view.name}__${c.availableAtMs}`)})`,
  );
  const joins = views.map((_view, index) => `LEFT JOIN fp_features_${index} USING (label_row)`).join(' ');
  const reader = await connection.runAndReadAll(
    `SELECT count(*)${counts.map((count) => `, ${count}`).join('')} FROM ${KEYS} ${joins}`,
  );
  const [labels, ...matched] = (reader.getRows()[0] ?? []).map(Number);
  return {
    labels: labels ?? 0,
    matched: Object.fromEntries(views.map((view, index) => [view.name, matched[index] ?? 0])),
  };
}

type FileFormat = 'csv' | 'parquet';

function fileFormatOf(path: string, role: string): FileFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.parquet') return 'parquet';
  throw new OfflineStoreError('OFFLINE_STORE_INVALID_OPTIONS', `${role} must be a .csv or .parquet file, got ${path}`);
}

function readerOf(path: string, format: FileFormat): string {
  return format === 'csv' ? `read_csv(${sqlString(path)}, header = true)` : `read_parquet(${sqlString(path)})`;
}

async function columnTypes(connection: DuckDBConnection, table: string): Promise<Map<string, string>> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${table}`);
  return new Map((reader.getRows() as [string, string][]).map(([name, type]) => [name, type]));
}

function requireColumn(types: Map<string, string>, column: string, role: string): string {
  const type = types.get(column);
  if (type === undefined) {
    throw new OfflineStoreError(
      'OFFLINE_STORE_INVALID_OPTIONS',
      `the ${role} column ${JSON.stringify(column)} is not in the labels (columns: ${[...types.keys()].join(', ')})`,
    );
  }
  return type;
}

const INTEGER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;

/** The label's entity as the store's key text: integers and text as they are (`42`, not `42.0`). */
function entityExpression(column: string, types: Map<string, string>): string {
  const type = requireColumn(types, column, 'entity');
  if (type === 'VARCHAR' || INTEGER_TYPES.test(type)) return `CAST(${sqlIdentifier(column)} AS VARCHAR)`;
  throw new OfflineStoreError(
    'OFFLINE_STORE_INVALID_OPTIONS',
    `the entity column ${JSON.stringify(column)} must hold integers or text, it is ${type}`,
  );
}

/** The label's time in epoch ms, from a timestamp, a date, epoch-ms integers or ISO-8601 text. */
function labelTimeExpression(column: string, types: Map<string, string>): string {
  const type = requireColumn(types, column, 'time');
  const name = sqlIdentifier(column);
  if (INTEGER_TYPES.test(type)) return `CAST(${name} AS BIGINT)`;
  if (type.startsWith('TIMESTAMP') || type === 'DATE' || type === 'VARCHAR') {
    return `epoch_ms(CAST(${name} AS TIMESTAMPTZ))`;
  }
  throw new OfflineStoreError(
    'OFFLINE_STORE_INVALID_OPTIONS',
    `the time column ${JSON.stringify(column)} must be a timestamp, a date, epoch milliseconds or ISO-8601 text, it is ${type}`,
  );
}
