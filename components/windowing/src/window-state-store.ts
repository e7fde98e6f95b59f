import { WindowingError } from './errors';

/**
 * The synchronous key-value view of state the windowed aggregation needs; the runtime adapts its
 * keyed store (in-memory cache over LevelDB) to it, one store per windowed step. Values are plain
 * data (accumulators, session lists, a number), written as given and read back equal.
 *
 * @remarks Not shared: one store per (step, task).
 */
export interface WindowStateStore<V = unknown> {
  get(storeKey: string): V | undefined;
  put(storeKey: string, value: V): void;
  /**
   * `put` of a key the store does not hold: a store may then forget it outright when it is deleted
   * before its next checkpoint (see `KeyedStore.insert`).
   */
  insert(storeKey: string, value: V): void;
  delete(storeKey: string): void;
}

/** Separates the record key from the rest of a store key; record keys should not contain it. */
const KEY_SEPARATOR = '\u0000';
const SESSIONS_SUFFIX = 'sessions';

/** The engine's own watermark; it cannot clash with a record key's entries, which all end in `\0<number>` or `\0sessions`. */
export const WATERMARK_STATE_KEY = `${KEY_SEPARATOR}watermark`;

/** Hopping and tumbling: one accumulator per (record key, slice), `"<key>\0<sliceStartMs>"`. */
export function sliceStateKey(key: string, sliceStartMs: number): string {
  return `${key}${KEY_SEPARATOR}${sliceStartMs}`;
}

/** Sessions: one list of open sessions per record key, `"<key>\0sessions"`. */
export function sessionsStateKey(key: string): string {
  return `${key}${KEY_SEPARATOR}${SESSIONS_SUFFIX}`;
}

/** The record key and slice start of a slice store key, or `undefined` for the watermark entry. */
export function decodeSliceStateKey(storeKey: string): { key: string; sliceStartMs: number } | undefined {
  if (storeKey === WATERMARK_STATE_KEY) return undefined;
  const at = storeKey.lastIndexOf(KEY_SEPARATOR);
  const sliceStartMs = at < 0 ? Number.NaN : Number(storeKey.slice(at + 1));
  if (at < 0 || storeKey.slice(at + 1) === '' || !Number.isFinite(sliceStartMs)) throw corruptKey(storeKey, 'a slice');
  return { key: storeKey.slice(0, at), sliceStartMs };
}

/** The record key of a sessions store key, or `undefined` for the watermark entry. */
export function decodeSessionsStateKey(storeKey: string): string | undefined {
  if (storeKey === WATERMARK_STATE_KEY) return undefined;
  const at = storeKey.lastIndexOf(KEY_SEPARATOR);
  if (at < 0 || storeKey.slice(at + 1) !== SESSIONS_SUFFIX) throw corruptKey(storeKey, 'a sessions');
  return storeKey.slice(0, at);
}

function corruptKey(storeKey: string, what: string): WindowingError {
  return new WindowingError(
    'WINDOWING_STATE_CORRUPT',
    `store key ${JSON.stringify(storeKey)} is not ${what} key of this windowed step; ` +
      'was the store shared with another step or written with another window spec?',
  );
}
