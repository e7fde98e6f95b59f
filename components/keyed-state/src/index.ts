/**
 * @fp/keyed-state: keyed state stores for stream tasks, in memory or in LevelDB.
 *
 * One store per task per stateful step. The hot path is synchronous: `get` reads uncommitted
 * writes, then a bounded read cache, then LevelDB's `getSync`; `put`/`delete` stay in memory until
 * a checkpoint. A checkpoint is `dirtyEntries()` (changelog records for the runtime to produce),
 * then `commit(metadata)`: one atomic, fsynced LevelDB batch of that snapshot plus the source
 * offsets it reflects, so after a crash state and offsets agree. `restore` replays a changelog.
 * Keys built with `timeKey` sort by time for window scans and expiry; `ttlMs` expires idle keys.
 */
export { compareKeys } from './compare-keys';
export { KeyedStateError, keyedStateErrorCodes } from './errors';
export { openLevelStore } from './level-store';
export { createMemoryStorage } from './memory-storage';
export { createMemoryStore } from './memory-store';
export { DEFAULT_CACHE_ENTRIES } from './store-options';
export { parseTimeKeyMs, TIME_KEY_DIGITS, timeKey } from './time-key';
export { plainDataStateCodec } from './plain-data-state-codec';
export { v8StateCodec } from './v8-state-codec';

export type { KeyedStateErrorCode } from './errors';
export type { LevelStoreOptions } from './level-store';
export type { MemoryStorage } from './memory-storage';
export type { MemoryStoreOptions } from './memory-store';
export type {
  ChangelogEntry,
  GetManyOptions,
  KeyedStore,
  KeyedStoreOptions,
  KeyRange,
  StateCodec,
  StepState,
} from './types';
