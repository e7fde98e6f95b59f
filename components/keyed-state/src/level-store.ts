import { OverlayKeyedStore } from './keyed-store';
import { openLevelStorage } from './level-storage';
import { TTL_INDEX_MARKER_KEY } from './record-format';
import type { StateStorage, StorageWrite } from './state-storage';
import {
  DATA_RANGE,
  METADATA_RANGE,
  metadataFromEntries,
  resolveOptions,
  TTL_INDEX_RANGE,
  TTL_MARKER_DELETE,
  TTL_MARKER_WRITE,
  ttlIndexDelete,
  ttlIndexWrite,
} from './store-options';
import { KeyedStateError } from './errors';
import type { KeyedStore, KeyedStoreOptions } from './types';

/** Index writes per batch when (re)building the TTL index at open: bounded memory for any store size. */
const INDEX_REBUILD_BATCH_WRITES = 10_000;

export interface LevelStoreOptions<V> extends KeyedStoreOptions<V> {
  /** Directory of the LevelDB database; created if missing. One store per task per stateful step. */
  readonly path: string;
}

/**
 * Opens (or creates) a LevelDB-backed keyed store. Committed state may be far larger than memory:
 * only uncommitted writes and a bounded read cache live in memory. Opening with `ttlMs` for the
 * first time indexes the existing keys once; opening without it drops the index.
 *
 * @throws KeyedStateError `KEYED_STATE_INVALID_OPTIONS` listing every bad option;
 *   `KEYED_STATE_IO` if LevelDB cannot open the directory (e.g. another process holds its lock);
 *   `KEYED_STATE_CORRUPT` if LevelDB reports corruption
 */
export async function openLevelStore<V>(options: LevelStoreOptions<V>): Promise<KeyedStore<V>> {
  if (typeof options.path !== 'string' || options.path.length === 0) {
    throw new KeyedStateError(
      'KEYED_STATE_INVALID_OPTIONS',
      `path must be a non-empty directory path, got ${String(options.path)}`,
    );
  }
  const resolved = resolveOptions(options);
  const storage = await openLevelStorage(options.path);
  try {
    const hasTtlIndex = storage.getSync(TTL_INDEX_MARKER_KEY) !== undefined;
    if (resolved.ttlMs !== undefined && !hasTtlIndex) {
      await rewriteRange(storage, DATA_RANGE, ttlIndexWrite, TTL_MARKER_WRITE);
    } else if (resolved.ttlMs === undefined && hasTtlIndex) {
      await rewriteRange(storage, TTL_INDEX_RANGE, ttlIndexDelete, TTL_MARKER_DELETE);
    }
    const metadataEntries: [string, Buffer][] = [];
    for await (const entry of storage.entries(METADATA_RANGE)) {
      metadataEntries.push(entry);
    }
    return new OverlayKeyedStore<V>(storage, { ...resolved, metadata: metadataFromEntries(metadataEntries) });
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** One write per entry of `range`, in bounded batches, then `last` (the marker) once all are done. */
async function rewriteRange(
  storage: StateStorage,
  range: { gte: string; lt: string },
  toWrite: (entry: [string, Buffer]) => StorageWrite,
  last: StorageWrite,
): Promise<void> {
  let writes: StorageWrite[] = [];
  for await (const entry of storage.entries(range)) {
    writes.push(toWrite(entry));
    if (writes.length >= INDEX_REBUILD_BATCH_WRITES) {
      await storage.write(writes, { durable: false });
      writes = [];
    }
  }
  writes.push(last);
  await storage.write(writes, { durable: true });
}
