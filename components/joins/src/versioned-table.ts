import { createTimerIndex } from '@fp/windowing/internal';
import { requireTimestampMs, requireWatermarkMs, throwIfProblems } from './errors';
import {
  decodeVersionsStateKey,
  isJoinStateStore,
  storedWatermarkMs,
  versionsStateKey,
  WATERMARK_STATE_KEY,
  type JoinStateStore,
} from './join-state-store';

/** One version of a key: valid from `timestampMs` until the next version's; `value: null` is a tombstone (deleted). */
export interface TableVersion<V> {
  readonly timestampMs: number;
  readonly value: V | null;
}

export interface VersionedTableOptions {
  /**
   * How far behind the watermark lookups stay exact: versions needed to answer a lookup at any
   * time `>= watermark - retentionMs` (the horizon) are kept, older ones dropped. A non-negative integer.
   */
  readonly retentionMs: number;
  /** This table's own store (key layout in the README). */
  readonly store: JoinStateStore;
}

/**
 * A keyed table with history, for point-in-time lookups (Kafka Streams' versioned store, Flink's
 * versioned table behind an event-time temporal join).
 *
 * @remarks Not shared: one per (step, task). Call `restore` once at task start, before anything else.
 */
export interface VersionedTable<V> {
  /**
   * Records that `key` has `value` from `timestampMs` on (`null` deletes it from then on). A second
   * upsert at the same timestamp replaces the first. `late`: `timestampMs <= watermark`, so results
   * already emitted for that time could not see it; it is still stored (if within retention), so
   * later lookups do see it.
   */
  upsert(key: string, timestampMs: number, value: V | null): { readonly status: 'accepted' | 'late' };
  /**
   * The value valid at `timestampMs`: that of the latest version with `version.ts <= timestampMs`;
   * `undefined` if there is none, it is a tombstone, or `timestampMs` is below the horizon
   * (`watermark - retentionMs`), where history is no longer kept.
   */
  lookup(key: string, timestampMs: number): V | undefined;
  /** The value of the version with the greatest timestamp (not the last one upserted), `undefined` if none or deleted. */
  latest(key: string): V | undefined;
  /** The key's retained versions, by ascending timestamp (for tests and debugging). */
  versions(key: string): readonly TableVersion<V>[];
  /** Moves event time to `watermarkMs` (lower values are ignored) and drops the history behind the new horizon. */
  advanceWatermark(watermarkMs: number): void;
  /** Re-registers the clean-up of every key in the store (a scan at task start). */
  restore(storeKeys: Iterable<string>): void;
  /** The last watermark applied (persisted in the store), `-Infinity` before any. */
  watermarkMs(): number;
  /** `watermark - retentionMs`: lookups at or after it are exact. */
  horizonMs(): number;
  readonly retentionMs: number;
}

const STEP = 'createVersionedTable()';

/**
 * Builds a versioned table over `store`. Each key's versions live in one store entry, sorted by
 * timestamp, so `lookup` is one `get` and a binary search. History is trimmed per key when the
 * horizon (`watermark - retentionMs`) passes the key's second-oldest version: the latest version at
 * or before the horizon is always kept, so lookups at the horizon still find it; a tombstone at or
 * before the horizon is dropped (a lookup then finds nothing either way), and a key left with
 * nothing is deleted. Clean-up timers live in memory and are rebuilt by `restore`.
 *
 * @throws JoinsError `JOINS_INVALID_OPTIONS` for a bad `retentionMs` or a missing store
 * @example
 * const rates = createVersionedTable<Rate>({ retentionMs: 3_600_000, store });
 * rates.upsert('EUR', rate.validFromMs, rate);
 * rates.lookup('EUR', order.createdAtMs); // the rate valid when the order was placed
 */
export function createVersionedTable<V>(options: VersionedTableOptions): VersionedTable<V> {
  requireOptions(options);
  const { retentionMs, store } = options;
  let watermarkMs = storedWatermarkMs(store, STEP);
  // Members are store keys, due when the key's history can next be trimmed.
  const trimTimers = createTimerIndex();
  const horizonMs = (): number => watermarkMs - retentionMs;

  const read = (key: string): TableVersion<V>[] =>
    (store.get(versionsStateKey(key)) as TableVersion<V>[] | undefined) ?? [];

  /** Drops what no lookup at or after the horizon can need, writes the rest and schedules the next trim. */
  function trimAndWrite(storeKey: string, versions: readonly TableVersion<V>[]): void {
    const horizon = horizonMs();
    let first = lastAtOrBefore(versions, horizon);
    if (first < 0) first = 0;
    if (versions[first]?.value === null && (versions[first] as TableVersion<V>).timestampMs <= horizon) first += 1;
    const kept = first === 0 ? versions : versions.slice(first);
    if (kept.length === 0) {
      store.delete(storeKey);
      return;
    }
    store.put(storeKey, kept);
    const head = kept[0] as TableVersion<V>;
    const nextTrimMs = head.value === null ? head.timestampMs : kept[1]?.timestampMs;
    if (nextTrimMs !== undefined) trimTimers.add(nextTrimMs + retentionMs, storeKey);
  }

  return {
    retentionMs,

    upsert(key, timestampMs, value) {
      requireTimestampMs('timestampMs', timestampMs);
      const versions = read(key);
      const at = lastAtOrBefore(versions, timestampMs);
      const isReplace = versions[at]?.timestampMs === timestampMs;
      const version: TableVersion<V> = { timestampMs, value };
      const next = [...versions.slice(0, isReplace ? at : at + 1), version, ...versions.slice(at + 1)];
      trimAndWrite(versionsStateKey(key), next);
      return { status: timestampMs <= watermarkMs ? 'late' : 'accepted' };
    },

    lookup(key, timestampMs) {
      if (timestampMs < horizonMs()) return undefined;
      const versions = read(key);
      return versions[lastAtOrBefore(versions, timestampMs)]?.value ?? undefined;
    },

    latest(key) {
      const versions = read(key);
      return versions[versions.length - 1]?.value ?? undefined;
    },

    versions: read,

    advanceWatermark(nextWatermarkMs) {
      requireWatermarkMs(nextWatermarkMs);
      if (nextWatermarkMs <= watermarkMs) return;
      watermarkMs = nextWatermarkMs;
      store.put(WATERMARK_STATE_KEY, watermarkMs);
      for (const { members } of trimTimers.popDue(watermarkMs)) {
        for (const storeKey of members) {
          const versions = store.get(storeKey) as TableVersion<V>[] | undefined;
          if (versions !== undefined) trimAndWrite(storeKey, versions);
        }
      }
    },

    restore(storeKeys) {
      for (const storeKey of storeKeys) {
        // Due now: the next advance trims each key once and schedules its real next trim.
        if (decodeVersionsStateKey(storeKey, STEP) !== undefined) trimTimers.add(Number.NEGATIVE_INFINITY, storeKey);
      }
    },

    watermarkMs: () => watermarkMs,
    horizonMs,
  };
}

/** Index of the last version with `timestampMs <= atMs`, `-1` if none. */
function lastAtOrBefore(versions: readonly TableVersion<unknown>[], atMs: number): number {
  let low = 0;
  let high = versions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((versions[middle] as TableVersion<unknown>).timestampMs <= atMs) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

function requireOptions(options: unknown): void {
  const { retentionMs, store } = (options ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (!Number.isSafeInteger(retentionMs) || (retentionMs as number) < 0) {
    problems.push(`retentionMs must be an integer number of milliseconds >= 0, got ${String(retentionMs)}`);
  }
  if (!isJoinStateStore(store)) problems.push('store must be a JoinStateStore (get, put, delete)');
  throwIfProblems(STEP, problems);
}
