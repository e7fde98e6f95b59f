import { OverlayKeyedStore } from './keyed-store';
import type { MemoryStorage } from './memory-storage';
import { asStateStorage, createMemoryStorage } from './memory-storage';
import { TTL_INDEX_MARKER_KEY } from './record-format';
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
import type { KeyedStore, KeyedStoreOptions } from './types';

export interface MemoryStoreOptions<V> extends KeyedStoreOptions<V> {
  /** Where committed state lives; pass the same one again to reopen it (a simulated restart). */
  readonly storage?: MemoryStorage;
}

/**
 * A keyed store with the LevelDB store's exact semantics (dirty overlay, snapshots, atomic commits
 * with metadata, TTL index), kept in memory: for tests, the test driver and small state.
 *
 * @throws KeyedStateError `KEYED_STATE_INVALID_OPTIONS` listing every bad option
 */
export function createMemoryStore<V>(options: MemoryStoreOptions<V> = {}): KeyedStore<V> {
  const resolved = resolveOptions(options);
  const storage = asStateStorage(options.storage ?? createMemoryStorage());
  const hasTtlIndex = storage.getSync(TTL_INDEX_MARKER_KEY) !== undefined;
  if (resolved.ttlMs !== undefined && !hasTtlIndex) {
    storage.writeSync([...storage.entriesSync(DATA_RANGE).map(ttlIndexWrite), TTL_MARKER_WRITE]);
  } else if (resolved.ttlMs === undefined && hasTtlIndex) {
    storage.writeSync([...storage.entriesSync(TTL_INDEX_RANGE).map(ttlIndexDelete), TTL_MARKER_DELETE]);
  }
  const metadata = metadataFromEntries(storage.entriesSync(METADATA_RANGE));
  return new OverlayKeyedStore<V>(storage, { ...resolved, metadata });
}
