import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OffsetCoverage } from './offset-coverage';
import { appendGroupOf, parsePartFileName, TEMP_SUFFIX, viewDirectory, type PartFile } from './store-layout';

/** What a view's directory holds once cleaned up after a crash. */
export interface RecoveredView {
  readonly coverage: OffsetCoverage;
  readonly partFiles: number;
  /** Temporary files and files of unfinished append groups, deleted. */
  readonly discarded: readonly string[];
}

/**
 * Lists a view's part files, deletes what a crash left unfinished (temporary files; every file of
 * an append group with a file missing, since its offsets were never committed) and returns the
 * offsets the remaining files cover.
 */
export async function recoverViewFiles(root: string, viewName: string): Promise<RecoveredView> {
  const files = await listViewFiles(viewDirectory(root, viewName));
  const discarded = files.filter((file) => file.name.endsWith(TEMP_SUFFIX)).map((file) => file.path);
  const groups = new Map<string, { part: PartFile; paths: string[]; indexes: Set<number> }>();
  for (const file of files) {
    const part = parsePartFileName(file.name);
    if (part === undefined) continue;
    const key = appendGroupOf(part);
    const group = groups.get(key) ?? { part, paths: [], indexes: new Set<number>() };
    group.paths.push(file.path);
    group.indexes.add(part.index);
    groups.set(key, group);
  }
  const coverage = new OffsetCoverage();
  let partFiles = 0;
  for (const group of groups.values()) {
    if (group.indexes.size === group.part.count) {
      coverage.add(group.part.topic, group.part.partition, group.part.firstOffset, group.part.lastOffset);
      partFiles += group.paths.length;
    } else {
      discarded.push(...group.paths);
    }
  }
  await Promise.all(discarded.map((path) => rm(path, { force: true })));
  return { coverage, partFiles, discarded };
}

async function listViewFiles(directory: string): Promise<{ name: string; path: string }[]> {
  let dates: string[];
  try {
    dates = (await readdir(directory)).filter((name) => name.startsWith('date='));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const perDate = await Promise.all(
    dates.map(async (date) =>
      (await readdir(join(directory, date))).map((name) => ({ name, path: join(directory, date, name) })),
    ),
  );
  return perDate.flat();
}
