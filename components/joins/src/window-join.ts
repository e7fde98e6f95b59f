import { type HoppingSpec, type TumblingSpec, type Window } from '@fp/windowing';
import { assignWindows, createTimerIndex, windowStartMs } from '@fp/windowing/internal';
import { JoinsError, requireTimestampMs, requireWatermarkMs, throwIfProblems } from './errors';
import {
  bucketStateKey,
  decodeBucketStateKey,
  isJoinStateStore,
  storedWatermarkMs,
  WATERMARK_STATE_KEY,
  type JoinStateStore,
} from './join-state-store';
import { ACCEPTED, LATE, type Joined } from './types';

/** One pair of a window: both records have the key and fall in `window`; `timestampMs` is `window.endMs - 1` (Flink). */
export interface WindowJoined<Out> extends Joined<Out> {
  readonly window: Window;
}

/** What became of one record; `joined` holds the pairs it makes in windows that already fired (allowed lateness). */
export interface WindowJoinAddResult<Out> {
  readonly status: 'accepted' | 'late';
  readonly joined: readonly WindowJoined<Out>[];
}

export interface WindowJoinOptions<L, R, Out> {
  /** `tumbling(...)` or `hopping(...)` from `@fp/windowing`; session windows are not supported. */
  readonly spec: TumblingSpec | HoppingSpec;
  readonly joiner: (left: L, right: R) => Out;
  /** Buffered left records (and the watermark); this step's own store. */
  readonly leftStore: JoinStateStore;
  /** Buffered right records; this step's own store, not the left one. */
  readonly rightStore: JoinStateStore;
}

/**
 * A keyed stream-stream window join (Flink's `DataStream.join().where().equalTo().window()`).
 *
 * @remarks Not shared: one per (step, task). Both inputs must be keyed by the join key and
 * co-partitioned. Call `restore` once at task start, before anything else.
 */
export interface WindowJoin<L, R, Out> {
  addLeft(key: string, timestampMs: number, value: L): WindowJoinAddResult<Out>;
  addRight(key: string, timestampMs: number, value: R): WindowJoinAddResult<Out>;
  /**
   * Moves event time to `watermarkMs` (lower values are ignored) and returns, for every (key, window)
   * with `endMs - 1 <= watermarkMs` not fired yet, the cross product of its left and right records,
   * by ascending `endMs`; then drops the records of windows past `endMs - 1 + allowedLatenessMs`.
   */
  advanceWatermark(watermarkMs: number): WindowJoined<Out>[];
  /** Rebuilds the in-memory timers from the keys in both stores (a scan at task start). */
  restore(storeKeys: { readonly left: Iterable<string>; readonly right: Iterable<string> }): void;
  /** The last watermark applied (persisted in the left store), `-Infinity` before any. */
  watermarkMs(): number;
  /** (key, window) pairs waiting for their firing. */
  pendingWindowCount(): number;
}

const STEP = 'createWindowJoin()';

/**
 * Builds a window join: a left and a right record with the same key and in the same window make a
 * pair (the window's cross product, Flink's inner window join), emitted once when the watermark
 * reaches `endMs - 1`, stamped `endMs - 1`. A window with records on one side only emits nothing.
 * A record is **late** when all its windows are closed (`endMs - 1 + allowedLatenessMs <= watermark`).
 * With `allowedLatenessMs > 0`, a record for a window that already fired but is not closed emits at
 * once **only the new pairs it makes** (Flink would fire the whole window again, repeating the
 * pairs already emitted); so over a run every pair is emitted exactly once.
 *
 * Records are stored once per slice of `gcd(sizeMs, advanceMs)` (as `@fp/windowing` does), not once
 * per window, and a firing gathers its window's slices.
 *
 * @throws JoinsError `JOINS_INVALID_OPTIONS` for a spec that is not tumbling or hopping, a missing
 *   joiner, or missing/identical stores
 * @example
 * const join = createWindowJoin({
 *   spec: tumbling({ sizeMs: 60_000, allowedLatenessMs: 0 }),
 *   joiner: (click: Click, view: View) => ({ ...click, viewedAtMs: view.atMs }),
 *   leftStore, rightStore,
 * });
 * join.restore({ left: leftKeys, right: rightKeys });
 * join.addLeft(click.userId, click.atMs, click);
 * for (const pair of join.advanceWatermark(combiner.current())) emit(pair);
 */
export function createWindowJoin<L, R, Out>(options: WindowJoinOptions<L, R, Out>): WindowJoin<L, R, Out> {
  requireOptions(options);
  const { spec, joiner, leftStore, rightStore } = options;
  const advanceMs = spec.kind === 'hopping' ? spec.advanceMs : spec.sizeMs;
  const sliceMs = greatestCommonDivisor(spec.sizeMs, advanceMs);
  const { sizeMs, offsetMs, allowedLatenessMs } = spec;

  let watermarkMs = storedWatermarkMs(leftStore, STEP);
  const fireTimers = createTimerIndex(); // members: record keys; due at endMs - 1
  const sides = {
    left: { store: leftStore, expiries: createTimerIndex() }, // members: slice store keys
    right: { store: rightStore, expiries: createTimerIndex() },
  };
  type Side = (typeof sides)['left'];

  const expiresAtMs = (sliceStartMs: number): number =>
    windowStartMs(sliceStartMs, advanceMs, offsetMs) + sizeMs - 1 + allowedLatenessMs;

  function registerTimers(side: Side, key: string, storeKey: string, sliceStartMs: number): void {
    side.expiries.add(expiresAtMs(sliceStartMs), storeKey);
    for (const window of assignWindows(spec, sliceStartMs)) {
      if (window.endMs - 1 > watermarkMs) fireTimers.add(window.endMs - 1, key);
    }
  }

  function recordsInWindow<V>(store: JoinStateStore, key: string, window: Window): V[] {
    const records: V[] = [];
    for (let sliceStartMs = window.startMs; sliceStartMs < window.endMs; sliceStartMs += sliceMs) {
      const bucket = store.get(bucketStateKey(key, sliceStartMs)) as V[] | undefined;
      if (bucket !== undefined) records.push(...bucket);
    }
    return records;
  }

  function add<V>(
    side: Side,
    key: string,
    timestampMs: number,
    value: V,
    pairsWith: (window: Window) => Out[],
  ): WindowJoinAddResult<Out> {
    requireTimestampMs('timestampMs', timestampMs);
    const sliceStartMs = windowStartMs(timestampMs, sliceMs, offsetMs);
    // The slice's last window is the last to close: if it is closed, all the record's windows are.
    if (expiresAtMs(sliceStartMs) <= watermarkMs) return LATE;

    // Pairs with windows that fired but are still open, computed before this record is stored.
    let joined: WindowJoined<Out>[] | undefined;
    if (sliceStartMs + sliceMs - 1 <= watermarkMs) {
      for (const window of assignWindows(spec, sliceStartMs)) {
        if (window.endMs - 1 > watermarkMs || window.endMs - 1 + allowedLatenessMs <= watermarkMs) continue;
        for (const pairValue of pairsWith(window)) {
          (joined ??= []).push({ key, window, timestampMs: window.endMs - 1, value: pairValue });
        }
      }
    }

    const storeKey = bucketStateKey(key, sliceStartMs);
    const bucket = side.store.get(storeKey) as V[] | undefined;
    side.store.put(storeKey, bucket === undefined ? [value] : [...bucket, value]);
    if (bucket === undefined) registerTimers(side, key, storeKey, sliceStartMs);
    return joined === undefined ? ACCEPTED : { status: 'accepted', joined };
  }

  function restoreSide(side: Side, storeKeys: Iterable<string>, isLeft: boolean): void {
    for (const storeKey of storeKeys) {
      const decoded = decodeBucketStateKey(storeKey, STEP);
      if (decoded === undefined) {
        if (isLeft) continue;
        throw new JoinsError(
          'JOINS_STATE_CORRUPT',
          `${STEP}: the right store holds a watermark; are the stores swapped?`,
        );
      }
      // Every window of an expired slice fired and closed: nothing can use it again.
      if (expiresAtMs(decoded.timestampMs) <= watermarkMs) side.store.delete(storeKey);
      else registerTimers(side, decoded.key, storeKey, decoded.timestampMs);
    }
  }

  return {
    addLeft(key, timestampMs, value) {
      return add(sides.left, key, timestampMs, value, (window) =>
        recordsInWindow<R>(rightStore, key, window).map((right) => joiner(value, right)),
      );
    },

    addRight(key, timestampMs, value) {
      return add(sides.right, key, timestampMs, value, (window) =>
        recordsInWindow<L>(leftStore, key, window).map((left) => joiner(left, value)),
      );
    },

    advanceWatermark(nextWatermarkMs) {
      requireWatermarkMs(nextWatermarkMs);
      if (nextWatermarkMs <= watermarkMs) return [];
      watermarkMs = nextWatermarkMs;
      leftStore.put(WATERMARK_STATE_KEY, watermarkMs);
      const joined: WindowJoined<Out>[] = [];
      for (const { dueMs, members } of fireTimers.popDue(watermarkMs)) {
        const window = { startMs: dueMs + 1 - sizeMs, endMs: dueMs + 1 };
        for (const key of members) {
          const rights = recordsInWindow<R>(rightStore, key, window);
          if (rights.length === 0) continue;
          for (const left of recordsInWindow<L>(leftStore, key, window)) {
            for (const right of rights) joined.push({ key, window, timestampMs: dueMs, value: joiner(left, right) });
          }
        }
      }
      for (const side of [sides.left, sides.right]) {
        for (const { members } of side.expiries.popDue(watermarkMs)) {
          for (const storeKey of members) side.store.delete(storeKey);
        }
      }
      return joined;
    },

    restore(storeKeys) {
      restoreSide(sides.left, storeKeys.left, true);
      restoreSide(sides.right, storeKeys.right, false);
    },

    watermarkMs: () => watermarkMs,
    pendingWindowCount: () => fireTimers.size(),
  };
}

function requireOptions(options: unknown): void {
  const { spec, joiner, leftStore, rightStore } = (options ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const kind = (spec as { kind?: unknown } | undefined)?.kind;
  if (kind !== 'tumbling' && kind !== 'hopping') {
    problems.push(
      `spec must come from tumbling() or hopping() of @fp/windowing, got ${kind === undefined ? String(spec) : `a ${String(kind)} spec`}`,
    );
  }
  if (typeof joiner !== 'function') problems.push('joiner must be a function (left, right) => result');
  if (!isJoinStateStore(leftStore)) problems.push('leftStore must be a JoinStateStore (get, put, delete)');
  if (!isJoinStateStore(rightStore)) problems.push('rightStore must be a JoinStateStore (get, put, delete)');
  if (leftStore !== undefined && leftStore === rightStore) {
    problems.push('leftStore and rightStore must be different stores (their keys would collide)');
  }
  throwIfProblems(STEP, problems);
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
