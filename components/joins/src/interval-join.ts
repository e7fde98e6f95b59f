import { createTimerIndex } from '@fp/windowing/internal';
import { JoinsError, requireTimestampMs, requireWatermarkMs, throwIfProblems } from './errors';
import {
  bucketStateKey,
  decodeBucketStateKey,
  isJoinStateStore,
  storedWatermarkMs,
  WATERMARK_STATE_KEY,
  type JoinStateStore,
} from './join-state-store';
import { createTimestampIndex } from './timestamp-index';
import { ACCEPTED, LATE, type JoinAddResult, type Joined } from './types';

interface IntervalJoinBounds {
  /** How far before the left record a right record may be: `right.ts >= left.ts - beforeMs`. */
  readonly beforeMs: number;
  /** How far after the left record a right record may be: `right.ts <= left.ts + afterMs`. */
  readonly afterMs: number;
  /** Buffered left records (and the watermark); this step's own store. */
  readonly leftStore: JoinStateStore;
  /** Buffered right records; this step's own store, not the left one. */
  readonly rightStore: JoinStateStore;
}

/** `inner`: pairs only. `left`: also every left record that matched nothing, once, with `null` for the right. */
export type IntervalJoinOptions<L, R, Out> = IntervalJoinBounds &
  (
    | { readonly joinType: 'inner'; readonly joiner: (left: L, right: R) => Out }
    | { readonly joinType: 'left'; readonly joiner: (left: L, right: R | null) => Out }
  );

/**
 * A keyed stream-stream interval join (Flink's `KeyedStream.intervalJoin().between(-beforeMs, afterMs)`).
 *
 * @remarks Not shared: one per (step, task). Both inputs must be keyed by the join key and
 * co-partitioned, so that every record of a key reaches the same task. Call `restore` once at task
 * start, before anything else.
 */
export interface IntervalJoin<L, R, Out> {
  /** Joins a left record with the buffered right records of its key in `[ts - beforeMs, ts + afterMs]`, then buffers it. */
  addLeft(key: string, timestampMs: number, value: L): JoinAddResult<Out>;
  /** Joins a right record with the buffered left records of its key in `[ts - afterMs, ts + beforeMs]`, then buffers it. */
  addRight(key: string, timestampMs: number, value: R): JoinAddResult<Out>;
  /**
   * Moves event time to `watermarkMs` (lower values are ignored), drops the records no future
   * record can match and, for a `left` join, returns each left record that matched nothing once
   * the watermark reaches `left.ts + afterMs`, by ascending left time.
   */
  advanceWatermark(watermarkMs: number): Joined<Out>[];
  /** Rebuilds the in-memory indexes and timers from the keys in both stores (a scan at task start). */
  restore(storeKeys: { readonly left: Iterable<string>; readonly right: Iterable<string> }): void;
  /** The last watermark applied (persisted in the left store), `-Infinity` before any. */
  watermarkMs(): number;
  /** Buffered (key, timestamp) buckets per side. */
  bufferedBucketCount(): { left: number; right: number };
}

/** A buffered left record; `isMatched` is what a `left` join needs to emit the unmatched ones once. */
interface LeftEntry<L> {
  readonly value: L;
  readonly isMatched: boolean;
}

const STEP = 'createIntervalJoin()';

/**
 * Builds an interval join: every pair with the same key and
 * `left.ts - beforeMs <= right.ts <= left.ts + afterMs` is emitted as soon as its second record
 * arrives, with `timestampMs = max(left.ts, right.ts)` (as Flink). A record is **late** when its
 * timestamp is at or behind the watermark (`ts <= watermark`); it is reported, not joined. A left
 * record is kept until the watermark reaches `left.ts + afterMs`, a right one until it reaches
 * `right.ts + beforeMs`: after that no record that is not late can match it. This makes the
 * result exactly the join of the records that were not late, whatever their arrival order.
 *
 * @throws JoinsError `JOINS_INVALID_OPTIONS` for bounds that are not integers with
 *   `beforeMs + afterMs >= 0`, an unknown `joinType`, a missing joiner, or missing/identical stores
 * @example
 * const join = createIntervalJoin({
 *   beforeMs: 0, afterMs: 3_600_000, joinType: 'left',
 *   joiner: (booking: Booking, payment: Payment | null) => ({ ...booking, paid: payment !== null }),
 *   leftStore, rightStore,
 * });
 * join.restore({ left: leftKeys, right: rightKeys });
 * const { status, joined } = join.addLeft(booking.id, booking.createdAtMs, booking);
 * for (const result of join.advanceWatermark(combiner.current())) emit(result);
 */
export function createIntervalJoin<L, R, Out>(options: IntervalJoinOptions<L, R, Out>): IntervalJoin<L, R, Out> {
  requireOptions(options);
  const { beforeMs, afterMs, leftStore, rightStore } = options;
  const isLeftJoin = options.joinType === 'left';
  const joiner = options.joiner as (left: L, right: R | null) => Out;

  let watermarkMs = storedWatermarkMs(leftStore, STEP);
  const left = { index: createTimestampIndex(), expiries: createTimerIndex() };
  const right = { index: createTimestampIndex(), expiries: createTimerIndex() };
  const leftExpiresAtMs = (timestampMs: number): number => timestampMs + afterMs;
  const rightExpiresAtMs = (timestampMs: number): number => timestampMs + beforeMs;

  const buffer = (
    side: typeof left,
    store: JoinStateStore,
    key: string,
    timestampMs: number,
    expiresAtMs: number,
    entry: unknown,
  ): void => {
    const storeKey = bucketStateKey(key, timestampMs);
    const bucket = store.get(storeKey) as unknown[] | undefined;
    store.put(storeKey, bucket === undefined ? [entry] : [...bucket, entry]);
    if (bucket !== undefined) return;
    side.index.add(key, timestampMs);
    side.expiries.add(expiresAtMs, storeKey);
  };

  const register = (side: typeof left, storeKey: string, expiresAtMs: (timestampMs: number) => number): void => {
    const decoded = decodeBucketStateKey(storeKey, STEP);
    if (decoded === undefined) return;
    side.index.add(decoded.key, decoded.timestampMs);
    // Already expired by the stored watermark: the next advance drops it (and emits it, if unmatched).
    side.expiries.add(expiresAtMs(decoded.timestampMs), storeKey);
  };

  return {
    addLeft(key, timestampMs, value) {
      requireTimestampMs('timestampMs', timestampMs);
      if (timestampMs <= watermarkMs) return LATE;
      const joined: Joined<Out>[] = [];
      for (const rightMs of right.index.range(key, timestampMs - beforeMs, timestampMs + afterMs)) {
        for (const rightValue of rightStore.get(bucketStateKey(key, rightMs)) as R[]) {
          joined.push({ key, timestampMs: Math.max(timestampMs, rightMs), value: joiner(value, rightValue) });
        }
      }
      const isMatched = joined.length > 0;
      const expiresAtMs = leftExpiresAtMs(timestampMs);
      if (expiresAtMs > watermarkMs) {
        buffer(left, leftStore, key, timestampMs, expiresAtMs, { value, isMatched } satisfies LeftEntry<L>);
      } else if (isLeftJoin && !isMatched) {
        // Only with a negative afterMs: no future right record can match, so the left is final now.
        joined.push({ key, timestampMs, value: joiner(value, null) });
      }
      return joined.length === 0 ? ACCEPTED : { status: 'accepted', joined };
    },

    addRight(key, timestampMs, value) {
      requireTimestampMs('timestampMs', timestampMs);
      if (timestampMs <= watermarkMs) return LATE;
      const joined: Joined<Out>[] = [];
      for (const leftMs of left.index.range(key, timestampMs - afterMs, timestampMs + beforeMs)) {
        const storeKey = bucketStateKey(key, leftMs);
        const entries = leftStore.get(storeKey) as LeftEntry<L>[];
        for (const entry of entries) {
          joined.push({ key, timestampMs: Math.max(leftMs, timestampMs), value: joiner(entry.value, value) });
        }
        // One write per bucket, and only the first time it matches: what emitting unmatched lefts needs.
        if (isLeftJoin && entries.some((entry) => !entry.isMatched)) {
          leftStore.put(
            storeKey,
            entries.map((entry) => ({ value: entry.value, isMatched: true })),
          );
        }
      }
      const expiresAtMs = rightExpiresAtMs(timestampMs);
      if (expiresAtMs > watermarkMs) buffer(right, rightStore, key, timestampMs, expiresAtMs, value);
      return joined.length === 0 ? ACCEPTED : { status: 'accepted', joined };
    },

    advanceWatermark(nextWatermarkMs) {
      requireWatermarkMs(nextWatermarkMs);
      if (nextWatermarkMs <= watermarkMs) return [];
      watermarkMs = nextWatermarkMs;
      leftStore.put(WATERMARK_STATE_KEY, watermarkMs);
      const unmatched: Joined<Out>[] = [];
      for (const { members } of left.expiries.popDue(watermarkMs)) {
        for (const storeKey of members) {
          const { key, timestampMs } = decodeBucketStateKey(storeKey, STEP) as { key: string; timestampMs: number };
          if (isLeftJoin) {
            for (const entry of leftStore.get(storeKey) as LeftEntry<L>[]) {
              if (!entry.isMatched) unmatched.push({ key, timestampMs, value: joiner(entry.value, null) });
            }
          }
          leftStore.delete(storeKey);
          left.index.remove(key, timestampMs);
        }
      }
      for (const { members } of right.expiries.popDue(watermarkMs)) {
        for (const storeKey of members) {
          const { key, timestampMs } = decodeBucketStateKey(storeKey, STEP) as { key: string; timestampMs: number };
          rightStore.delete(storeKey);
          right.index.remove(key, timestampMs);
        }
      }
      return unmatched;
    },

    restore(storeKeys) {
      for (const storeKey of storeKeys.left) register(left, storeKey, leftExpiresAtMs);
      for (const storeKey of storeKeys.right) {
        if (storeKey === WATERMARK_STATE_KEY) {
          throw new JoinsError(
            'JOINS_STATE_CORRUPT',
            `${STEP}: the right store holds a watermark; are the stores swapped?`,
          );
        }
        register(right, storeKey, rightExpiresAtMs);
      }
    },

    watermarkMs: () => watermarkMs,
    bufferedBucketCount: () => ({ left: left.index.size(), right: right.index.size() }),
  };
}

function requireOptions(options: unknown): void {
  const { beforeMs, afterMs, joinType, joiner, leftStore, rightStore } = (options ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, value] of [
    ['beforeMs', beforeMs],
    ['afterMs', afterMs],
  ] as const) {
    if (!Number.isSafeInteger(value))
      problems.push(`${name} must be an integer number of milliseconds, got ${String(value)}`);
  }
  if (typeof beforeMs === 'number' && typeof afterMs === 'number' && beforeMs + afterMs < 0) {
    problems.push(
      `the interval [ts - beforeMs, ts + afterMs] is empty (beforeMs ${beforeMs}, afterMs ${afterMs}); make beforeMs + afterMs >= 0`,
    );
  }
  if (joinType !== 'inner' && joinType !== 'left')
    problems.push(`joinType must be 'inner' or 'left', got ${String(joinType)}`);
  if (typeof joiner !== 'function') problems.push('joiner must be a function (left, right) => result');
  if (!isJoinStateStore(leftStore)) problems.push('leftStore must be a JoinStateStore (get, put, delete)');
  if (!isJoinStateStore(rightStore)) problems.push('rightStore must be a JoinStateStore (get, put, delete)');
  if (leftStore !== undefined && leftStore === rightStore) {
    problems.push('leftStore and rightStore must be different stores (their keys would collide)');
  }
  throwIfProblems(STEP, problems);
}
