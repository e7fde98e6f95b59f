import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOfflineStore, type OfflineStore } from './offline-store';
import { parsePartFileName, viewDirectory } from './store-layout';
import { ALLOWED_LATENESS_MS, at, OUT_OF_ORDERNESS_MS, scoreView, windowView, type WindowRow } from './test-fixtures';
import type { ViewArchive } from './view-archive';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 23, 50);

let root: string;
let store: OfflineStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'offline-store-'));
  store = await openOfflineStore({ root });
});
afterEach(async () => {
  store.close();
  await rm(root, { recursive: true, force: true });
});

/** Archives rows of partition 0 at consecutive offsets from `firstOffset`, as the archiver does with one fetched batch. */
async function appendRows(archive: ViewArchive<WindowRow>, firstOffset: number, rows: readonly WindowRow[]) {
  const archived = rows.flatMap((row, index) =>
    archive.isArchived('window-rows', 0, BigInt(firstOffset + index))
      ? []
      : [archive.toArchivedRow(at('window-rows', 0, firstOffset + index, row.window_end - 1), row)],
  );
  return archive.append({
    topic: 'window-rows',
    partition: 0,
    firstOffset: BigInt(firstOffset),
    lastOffset: BigInt(firstOffset + rows.length - 1),
    rows: archived,
  });
}

async function filesOf(viewName: string): Promise<string[]> {
  const directory = viewDirectory(root, viewName);
  const dates = await readdir(directory);
  return (
    await Promise.all(
      dates.map(async (date) => (await readdir(join(directory, date))).map((name) => `${date}/${name}`)),
    )
  )
    .flat()
    .sort();
}

describe('ViewArchive', () => {
  it('writes rows to Hive partitions by the day they became available, with their coordinates and times', async () => {
    const archive = await store.openView(windowView);
    // The first window ends on Jan 1 but its row is available (end + 60 s) on Jan 2 only for the second.
    const rows = [
      { id: 1, window_end: T0, value: 1 },
      { id: 2, window_end: T0 + 10 * 60_000 - 30_000, value: 2 },
    ];
    const result = await appendRows(archive, 0, rows);
    expect(result).toMatchObject({ rowsWritten: 2, rowsSkipped: 0 });
    expect(await filesOf('window_rows')).toEqual([
      'date=2026-01-01/part-window-rows-0-00000000000000000000-00000000000000000001-1of2.parquet',
      'date=2026-01-02/part-window-rows-0-00000000000000000000-00000000000000000001-2of2.parquet',
    ]);
    expect(await store.readRows(windowView)).toEqual([
      {
        row: rows[0],
        entityKey: '1',
        topic: 'window-rows',
        partition: 0,
        offset: 0n,
        recordTimestampMs: T0 - 1,
        eventTimeMs: T0,
        availableAtMs: T0 + OUT_OF_ORDERNESS_MS,
        emission: 'first',
      },
      expect.objectContaining({ row: rows[1], offset: 1n, availableAtMs: rows[1]!.window_end + OUT_OF_ORDERNESS_MS }),
    ]);
  });

  it('keeps nulls and text of a view that is not windowed, available at the record timestamp', async () => {
    const archive = await store.openView(scoreView);
    const rows = [
      { id: 7, score: null, tag: "it's" },
      { id: 8, score: 0.25, tag: '' },
    ];
    await archive.append({
      topic: 'scores',
      partition: 3,
      firstOffset: 10n,
      lastOffset: 11n,
      rows: rows.map((row, index) => archive.toArchivedRow(at('scores', 3, 10 + index, T0 + index), row)),
    });
    const read = await store.readRows(scoreView);
    expect(read.map(({ row, availableAtMs, eventTimeMs }) => ({ row, availableAtMs, eventTimeMs }))).toEqual([
      { row: rows[0], availableAtMs: T0, eventTimeMs: T0 },
      { row: rows[1], availableAtMs: T0 + 1, eventTimeMs: T0 + 1 },
    ]);
  });

  it('skips rows whose offsets are archived, so a replay after a crash writes each row once', async () => {
    const archive = await store.openView(windowView);
    const rows = Array.from({ length: 6 }, (_, index) => ({
      id: index % 2,
      window_end: T0 + index * 60_000,
      value: index,
    }));
    await appendRows(archive, 0, rows.slice(0, 4));
    // A consumer that crashed before committing reads offsets 2..5 again, in a fresh process.
    const reopened = await (await openOfflineStore({ root })).openView(windowView);
    const replay = await appendRows(reopened, 2, rows.slice(2));
    expect(replay).toMatchObject({ rowsWritten: 2 });
    const read = await store.readRows(windowView);
    expect(read.map((row) => row.offset)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    expect(read.map((row) => row.row)).toEqual(rows);
  });

  it('deletes temporary files and append groups a crash left short, then rewrites their rows once', async () => {
    const archive = await store.openView(windowView);
    const rows = [
      { id: 1, window_end: T0, value: 1 },
      { id: 2, window_end: T0 + DAY_MS, value: 2 },
    ];
    await appendRows(archive, 0, rows);
    const [first, second] = await filesOf('window_rows');
    // A crash between the two renames: the second file is still temporary.
    const directory = viewDirectory(root, 'window_rows');
    await rm(join(directory, second!));
    await writeFile(join(directory, second!.replace('.parquet', '.parquet.tmp')), 'partial bytes');
    expect(parsePartFileName(first!.split('/')[1]!)).toMatchObject({ index: 1, count: 2 });

    const reopened = await (await openOfflineStore({ root })).openView(windowView);
    expect(await filesOf('window_rows')).toEqual([]);
    await appendRows(reopened, 0, rows);
    expect((await store.readRows(windowView)).map((row) => row.row)).toEqual(rows);
  });

  it('makes a re-emitted window available only after its allowed lateness, also after a restart', async () => {
    const archive = await store.openView(windowView);
    const end = T0;
    await appendRows(archive, 0, [
      { id: 1, window_end: end, value: 1 },
      { id: 1, window_end: end + 20_000, value: 2 },
    ]);
    const reopened = await (await openOfflineStore({ root })).openView(windowView);
    await appendRows(reopened, 2, [
      { id: 1, window_end: end, value: 1.5 },
      { id: 2, window_end: end, value: 3 },
    ]);
    const read = await store.readRows(windowView);
    expect(read.map(({ row, emission, availableAtMs }) => [row.value, emission, availableAtMs])).toEqual([
      [1, 'first', end + OUT_OF_ORDERNESS_MS],
      [2, 'first', end + 20_000 + OUT_OF_ORDERNESS_MS],
      [1.5, 'update', end + OUT_OF_ORDERNESS_MS + ALLOWED_LATENESS_MS],
      [3, 'first', end + OUT_OF_ORDERNESS_MS],
    ]);
  });
});
