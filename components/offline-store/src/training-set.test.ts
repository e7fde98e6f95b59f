import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineStoreError } from './errors';
import { openOfflineStore, type OfflineStore } from './offline-store';
import { ALLOWED_LATENESS_MS, OUT_OF_ORDERNESS_MS, scoreView, windowView } from './test-fixtures';
import { buildTrainingSet } from './training-set';
import { archive, readTable, writeLabelsCsv } from './training-set-test-kit';

const END = Date.UTC(2026, 0, 1, 12, 10);
const AVAILABLE = END + OUT_OF_ORDERNESS_MS;

let root: string;
let store: OfflineStore;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'training-set-'));
  store = await openOfflineStore({ root: join(root, 'store') });
});
afterEach(async () => {
  store.close();
  await rm(root, { recursive: true, force: true });
});

async function trainingSet(
  labels: { id: number; timeMs: number; label: number }[],
  options: { maxAgeMs?: number } = {},
) {
  const labelsPath = join(root, 'labels.csv');
  await writeLabelsCsv(labelsPath, labels);
  const outPath = join(root, 'out.parquet');
  const summary = await buildTrainingSet({
    storeRoot: store.root,
    labelsPath,
    entityColumn: 'id',
    timeColumn: 'time',
    views: [windowView, scoreView],
    outPath,
    ...options,
  });
  return { summary, rows: await readTable(outPath) };
}

describe('buildTrainingSet', () => {
  it('uses a row from the moment it is available (equal time included), never a millisecond before', async () => {
    await archive(store, windowView, [{ offset: 0, timestampMs: END - 1, row: { id: 1, window_end: END, value: 10 } }]);
    const { rows } = await trainingSet([
      { id: 1, timeMs: AVAILABLE - 1, label: 0 },
      { id: 1, timeMs: AVAILABLE, label: 1 },
    ]);
    expect(rows.map((row) => row['window_rows__value'])).toEqual([null, 10]);
    expect(rows[1]).toMatchObject({
      id: 1,
      time: AVAILABLE,
      label: 1,
      window_rows__available_at_ms: AVAILABLE,
      window_rows__window_end: END,
    });
  });

  it('never uses a window that had ended but not yet fired (end <= time < end + out-of-orderness)', async () => {
    await archive(store, windowView, [
      { offset: 0, timestampMs: END - 60_001, row: { id: 1, window_end: END - 60_000, value: 1 } },
      { offset: 1, timestampMs: END - 1, row: { id: 1, window_end: END, value: 2 } },
    ]);
    const { rows } = await trainingSet([
      { id: 1, timeMs: END, label: 0 },
      { id: 1, timeMs: END + 30_000, label: 0 },
      { id: 1, timeMs: AVAILABLE, label: 0 },
    ]);
    expect(rows.map((row) => row['window_rows__value'])).toEqual([1, 1, 2]);
  });

  it('gives nulls to a key with no features and keeps every label row in order', async () => {
    await archive(store, windowView, [{ offset: 0, timestampMs: END - 1, row: { id: 1, window_end: END, value: 10 } }]);
    const { rows, summary } = await trainingSet([
      { id: 2, timeMs: AVAILABLE + 1, label: 5 },
      { id: 1, timeMs: AVAILABLE + 1, label: 6 },
      { id: 3, timeMs: AVAILABLE + 1, label: 7 },
    ]);
    expect(rows.map((row) => [row['id'], row['label'], row['window_rows__value']])).toEqual([
      [2, 5, null],
      [1, 6, 10],
      [3, 7, null],
    ]);
    expect(summary).toEqual({ labels: 3, matched: { window_rows: 1, scores: 0 } });
  });

  it('joins several views, each as of its own availability', async () => {
    await archive(store, windowView, [{ offset: 0, timestampMs: END - 1, row: { id: 1, window_end: END, value: 10 } }]);
    await archive(store, scoreView, [
      { offset: 0, timestampMs: END, row: { id: 1, score: 0.5, tag: 'a' } },
      { offset: 1, timestampMs: AVAILABLE + 5, row: { id: 1, score: null, tag: 'b' } },
    ]);
    const { rows } = await trainingSet([
      { id: 1, timeMs: END + 1, label: 0 },
      { id: 1, timeMs: AVAILABLE + 5, label: 1 },
    ]);
    expect(rows.map((row) => [row['window_rows__value'], row['scores__score'], row['scores__tag']])).toEqual([
      [null, 0.5, 'a'],
      [10, null, 'b'],
    ]);
  });

  it('uses a re-emitted window only once its allowed lateness has passed, the first emission before', async () => {
    await archive(store, windowView, [
      { offset: 0, timestampMs: END - 1, row: { id: 1, window_end: END, value: 1 } },
      { offset: 1, timestampMs: END - 1, row: { id: 1, window_end: END, value: 2 } },
    ]);
    const { rows } = await trainingSet([
      { id: 1, timeMs: AVAILABLE, label: 0 },
      { id: 1, timeMs: AVAILABLE + ALLOWED_LATENESS_MS - 1, label: 0 },
      { id: 1, timeMs: AVAILABLE + ALLOWED_LATENESS_MS, label: 0 },
    ]);
    expect(rows.map((row) => row['window_rows__value'])).toEqual([1, 1, 2]);
  });

  it('takes the row written last among rows available at the same moment', async () => {
    await archive(store, scoreView, [
      { offset: 4, timestampMs: END, row: { id: 1, score: 1, tag: 'older' } },
      { offset: 5, timestampMs: END, row: { id: 1, score: 2, tag: 'newer' } },
    ]);
    const { rows } = await trainingSet([{ id: 1, timeMs: END, label: 0 }]);
    expect(rows[0]).toMatchObject({ scores__tag: 'newer' });
  });

  it('leaves out a feature row older than --max-age rather than an older one still', async () => {
    await archive(store, scoreView, [{ offset: 0, timestampMs: END, row: { id: 1, score: 1, tag: 'x' } }]);
    const { rows } = await trainingSet(
      [
        { id: 1, timeMs: END + 60_000, label: 0 },
        { id: 1, timeMs: END + 60_001, label: 0 },
      ],
      { maxAgeMs: 60_000 },
    );
    expect(rows.map((row) => row['scores__tag'])).toEqual(['x', null]);
  });

  it('reads label times as timestamps or ISO text and writes CSV', async () => {
    await archive(store, scoreView, [{ offset: 0, timestampMs: END, row: { id: 7, score: 1, tag: 'x' } }]);
    const labelsPath = join(root, 'labels.csv');
    await writeFile(labelsPath, `user,at\n7,${new Date(END - 1).toISOString()}\n7,${new Date(END).toISOString()}\n`);
    const outPath = join(root, 'out.csv');
    await buildTrainingSet({
      storeRoot: store.root,
      labelsPath,
      entityColumn: 'user',
      timeColumn: 'at',
      views: [scoreView],
      outPath,
    });
    expect((await readTable(outPath)).map((row) => row['scores__tag'])).toEqual([null, 'x']);
  });

  it('names a missing column and the columns there are', async () => {
    const labelsPath = join(root, 'labels.csv');
    await writeLabelsCsv(labelsPath, [{ id: 1, timeMs: 0, label: 0 }]);
    const run = buildTrainingSet({
      storeRoot: store.root,
      labelsPath,
      entityColumn: 'card',
      timeColumn: 'time',
      views: [scoreView],
      outPath: join(root, 'o.parquet'),
    });
    await expect(run).rejects.toThrow(OfflineStoreError);
    await expect(run).rejects.toThrow('the entity column "card" is not in the labels (columns: id, time, label)');
    await expect(
      buildTrainingSet({
        storeRoot: store.root,
        labelsPath,
        entityColumn: 'id',
        timeColumn: 'time',
        views: [scoreView],
        outPath: join(root, 'o.json'),
      }),
    ).rejects.toThrow('out must be a .csv or .parquet file');
  });
});
