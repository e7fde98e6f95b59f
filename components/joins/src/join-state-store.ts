import { JoinsError } from './errors';

/**
 * The synchronous key-value view of state a join engine needs; the runtime adapts its keyed store
 * (in-memory cache over LevelDB) to it, one store per (step, side, task). Values are plain data
 * (arrays of records, version lists, a number), written as given and read back equal; the engines
 * never change a value after `put` or one returned by `get`. Same shape as `@fp/windowing`'s
 * `WindowStateStore`, so one adapter serves both.
 *
 * @remarks Not shared: one store per (step, side, task).
 */
export interface JoinStateStore<V = unknown> {
  get(storeKey: string): V | undefined;
  put(storeKey: string, value: V): void;
  delete(storeKey: string): void;
}

/** Separates the record key from the rest of a store key; record keys should not contain it. */
const KEY_SEPARATOR = '\u0000';
const VERSIONS_SUFFIX = 'versions';

/** An engine's own watermark; it cannot clash with a record key's entries, which all end in `\0<number>` or `\0versions`. */
export const WATERMARK_STATE_KEY = `${KEY_SEPARATOR}watermark`;

/** Buffered records of one key at one timestamp (interval join, stream-table join) or in one slice (window join). */
export function bucketStateKey(key: string, timestampMs: number): string {
  return `${key}${KEY_SEPARATOR}${timestampMs}`;
}

/** The versions of one key in a versioned table. */
export function versionsStateKey(key: string): string {
  return `${key}${KEY_SEPARATOR}${VERSIONS_SUFFIX}`;
}

/** The record key and timestamp of a bucket store key, or `undefined` for the watermark entry. */
export function decodeBucketStateKey(storeKey: string, step: string): { key: string; timestampMs: number } | undefined {
  if (storeKey === WATERMARK_STATE_KEY) return undefined;
  const at = storeKey.lastIndexOf(KEY_SEPARATOR);
  const suffix = at < 0 ? '' : storeKey.slice(at + 1);
  const timestampMs = Number(suffix);
  if (suffix === '' || !Number.isFinite(timestampMs)) throw corruptKey(storeKey, step);
  return { key: storeKey.slice(0, at), timestampMs };
}

/** The record key of a versions store key, or `undefined` for the watermark entry. */
export function decodeVersionsStateKey(storeKey: string, step: string): string | undefined {
  if (storeKey === WATERMARK_STATE_KEY) return undefined;
  const at = storeKey.lastIndexOf(KEY_SEPARATOR);
  if (at < 0 || storeKey.slice(at + 1) !== VERSIONS_SUFFIX) throw corruptKey(storeKey, step);
  return storeKey.slice(0, at);
}

/** The watermark persisted in `store`, `-Infinity` if none. */
export function storedWatermarkMs(store: JoinStateStore, step: string): number {
  const value = store.get(WATERMARK_STATE_KEY);
  if (value === undefined) return Number.NEGATIVE_INFINITY;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new JoinsError(
      'JOINS_STATE_CORRUPT',
      `${step}: the stored watermark is ${JSON.stringify(value)}, not a number; was the store shared with another step?`,
    );
  }
  return value;
}

/** True when `store` has the synchronous `get`, `put` and `delete` of a `JoinStateStore`. */
export function isJoinStateStore(store: unknown): store is JoinStateStore {
  const candidate = store as Partial<Record<'get' | 'put' | 'delete', unknown>> | undefined;
  return (
    typeof candidate?.get === 'function' &&
    typeof candidate.put === 'function' &&
    typeof candidate.delete === 'function'
  );
}

function corruptKey(storeKey: string, step: string): JoinsError {
  return new JoinsError(
    'JOINS_STATE_CORRUPT',
    `${step}: store key ${JSON.stringify(storeKey)} was not written by this engine; ` +
      'was the store shared with another step or side?',
  );
}
