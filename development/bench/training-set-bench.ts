/**
 * A point-in-time training set of --labels labels against --rows feature rows of the card view
 * (100,000 cards, a row per card and minute, available at window end + 60 s), through
 * `buildTrainingSet` (DuckDB ASOF JOIN over the store's Parquet). The store and the labels are
 * generated with DuckDB first (not timed); the timed part reads both, joins and writes Parquet.
 *
 *   npx tsx development/bench/training-set-bench.ts [--labels=1000000] [--rows=10000000]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { cardFeaturesView } from '@fp/card-transactions';
import { buildTrainingSet, offlineColumns as c, parsePartFileName, viewDirectory } from '@fp/offline-store';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds, numberArg, result } from './bench-result';

const CARDS = 100_000;
const FILES = 10;
const T0 = Date.UTC(2026, 0, 1);
const MINUTE_MS = 60_000;

async function generate(root: string, rows: number, labels: number): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const minutes = Math.ceil(rows / CARDS);
  const perFile = Math.ceil(rows / FILES);
  const directory = join(viewDirectory(root, cardFeaturesView.name), 'date=2026-01-01');
  await mkdir(directory, { recursive: true });
  for (let file = 0; file < FILES; file++) {
    const first = file * perFile;
    const last = Math.min(rows, first + perFile) - 1;
    const name = `part-${cardFeaturesView.topic}-${file}-${String(first).padStart(20, '0')}-${String(last).padStart(20, '0')}-1of1.parquet`;
    if (parsePartFileName(name) === undefined) throw new Error(`not a part file name: ${name}`);
    // Row i: card i % CARDS, window ending at minute 10 + i / CARDS (so every card has a row a minute).
    await connection.run(`COPY (
      SELECT i % ${CARDS} AS cc_num, i AS num_trans_per_10m, (i % 997) / 10.0 AS avg_amt_per_10m, 1.5 AS stdev_amt_per_10m,
             ${T0} + (i // ${CARDS}) * ${MINUTE_MS} AS window_start, ${T0} + (10 + i // ${CARDS}) * ${MINUTE_MS} AS window_end,
             CAST(i % ${CARDS} AS VARCHAR) AS ${c.entityKey}, '${cardFeaturesView.topic}' AS ${c.topic}, ${file} AS ${c.partition},
             i AS ${c.offset}, window_end - 1 AS ${c.recordTimestampMs}, window_end AS ${c.eventTimeMs},
             window_end + ${MINUTE_MS} AS ${c.availableAtMs}, 'first' AS ${c.emission}
      FROM range(${first}, ${last + 1}) t(i)) TO '${join(directory, name)}' (FORMAT parquet, COMPRESSION zstd)`);
  }
  // Labels at random times over the whole span, a tenth of them for cards without features.
  const labelsPath = join(root, 'labels.parquet');
  await connection.run(`COPY (
    SELECT (random() * ${CARDS * 1.1})::BIGINT AS cc_num,
           ${T0} + (random() * ${(minutes + 15) * MINUTE_MS})::BIGINT AS event_ms,
           (random() < 0.01)::INTEGER AS is_fraud
    FROM range(${labels})) TO '${labelsPath}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  return labelsPath;
}

async function main(): Promise<void> {
  const labels = numberArg('labels', 1_000_000);
  const rows = numberArg('rows', 10_000_000);
  const root = await mkdtemp(join(tmpdir(), 'training-set-bench-'));
  try {
    const generateStartedAtMs = performance.now();
    const labelsPath = await generate(root, rows, labels);
    const generatorSeconds = (performance.now() - generateStartedAtMs) / 1000;
    const cpuFrom = process.cpuUsage();
    const startedAtMs = performance.now();
    const summary = await buildTrainingSet({
      storeRoot: root,
      labelsPath,
      entityColumn: 'cc_num',
      timeColumn: 'event_ms',
      views: [cardFeaturesView],
      outPath: join(root, 'training.parquet'),
      maxAgeMs: 30 * MINUTE_MS,
    });
    const seconds = (performance.now() - startedAtMs) / 1000;
    console.log(
      JSON.stringify(
        result('training-set', labels, seconds, {
          featureRows: rows,
          labelsMatched: summary.matched[cardFeaturesView.name] ?? 0,
          generatorSeconds: Math.round(generatorSeconds * 10) / 10,
          cpuSeconds: cpuSeconds(cpuFrom),
        }),
      ),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('training-set-bench failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
