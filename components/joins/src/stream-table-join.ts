import { createTimerIndex } from '@fp/windowing/internal';
import { requireTimestampMs, requireWatermarkMs, throwIfProblems } from './errors';
import {
  bucketStateKey,
  decodeBucketStateKey,
  isJoinStateStore,
  storedWatermarkMs,
  WATERMARK_STATE_KEY,
  type JoinStateStore,
} from './join-state-store';
import { ACCEPTED, LATE, type JoinAddResult, type Joined } from './types';
import type { VersionedTable } from './versioned-table';

interface StreamTableJoinBase<V> {
  readonly table: VersionedTable<V>;
  /**
   * `latest`: join each stream record at once with the table's latest version (Kafka Streams'
   * KStream-KTable join, Flink's lookup join). `point-in-time`: join it with the version valid at
   * the record's timestamp, once the watermark says every version up to then has arrived (Flink's
   * event-time temporal join); needs `store`.
   */
  readonly mode: 'latest' | 'point-in-time';
  /** Stream records waiting for the watermark (and the watermark); required for `point-in-time`. */
  readonly store?: JoinStateStore;
}

/** `inner`: only records whose key has a value at their time. `left`: every record, with `null` when there is none. */
export type StreamTableJoinOptions<S, V, Out> = StreamTableJoinBase<V> &
  (
    | { readonly joinType: 'inner'; readonly joiner: (record: S, row: V) => Out }
    | { readonly joinType: 'left'; readonly joiner: (record: S, row: V | null) => Out }
  );

/**
 * Enriches a keyed stream from a `VersionedTable`; results are stamped with the stream record's time.
 *
 * @remarks Not shared: one per (step, task), and the table is this join's own: the join advances
 * the table's watermark (after emitting), so another user advancing it further could trim history
 * this join still needs. Stream and table must be keyed by the join key and co-partitioned.
 */
export interface StreamTableJoin<S, Out> {
  /**
   * `latest`: joined at once, never late. `point-in-time`: a record at or behind the watermark but
   * not below the table's horizon (`watermark - retentionMs`) is joined at once; one ahead of the
   * watermark waits in the store for `advanceWatermark`; one below the horizon is `late`.
   */
  add(key: string, timestampMs: number, value: S): JoinAddResult<Out>;
  /**
   * Moves event time to `watermarkMs` (lower values are ignored): `point-in-time` joins and returns
   * the waiting records with `ts <= watermarkMs`, by ascending time; then the table's watermark
   * is advanced too, which trims its history.
   */
  advanceWatermark(watermarkMs: number): Joined<Out>[];
  /** Rebuilds the in-memory timers from the keys in `store` (a scan at task start); the table restores itself. */
  restore(storeKeys: Iterable<string>): void;
  /** The last watermark applied, `-Infinity` before any. */
  watermarkMs(): number;
  /** Stream records waiting for the watermark (`point-in-time`). */
  pendingRecordCount(): number;
}

const STEP = 'createStreamTableJoin()';

/**
 * Builds a stream-table join. A record's result is computed once and never revised: a table update
 * that arrives later does not change it (with `point-in-time`, an update timestamped after the
 * record does not apply to it even if it arrives first; one timestamped at or before it that
 * arrives after the watermark passed it is reported `late` by `table.upsert`).
 *
 * @throws JoinsError `JOINS_INVALID_OPTIONS` for a missing table or joiner, an unknown `mode` or
 *   `joinType`, or `point-in-time` without a store
 * @example
 * const enrich = createStreamTableJoin({
 *   table: rates, mode: 'point-in-time', joinType: 'left', store,
 *   joiner: (order: Order, rate: Rate | null) => ({ ...order, eur: rate === null ? null : order.amount * rate.toEur }),
 * });
 * rates.upsert(rate.currency, rate.validFromMs, rate);           // table side
 * enrich.add(order.currency, order.createdAtMs, order);          // stream side
 * for (const result of enrich.advanceWatermark(combiner.current())) emit(result);
 */
export function createStreamTableJoin<S, V, Out>(options: StreamTableJoinOptions<S, V, Out>): StreamTableJoin<S, Out> {
  requireOptions(options);
  const { table, mode } = options;
  const isLeftJoin = options.joinType === 'left';
  const joiner = options.joiner as (record: S, row: V | null) => Out;
  const store = options.store as JoinStateStore;
  const isPointInTime = mode === 'point-in-time';

  let watermarkMs = isPointInTime ? storedWatermarkMs(store, STEP) : Number.NEGATIVE_INFINITY;
  const pending = createTimerIndex(); // members: bucket store keys, due at the records' time

  const joinOne = (key: string, timestampMs: number, value: S, row: V | undefined): Joined<Out> | undefined =>
    row === undefined && !isLeftJoin ? undefined : { key, timestampMs, value: joiner(value, row ?? null) };

  return {
    add(key, timestampMs, value) {
      requireTimestampMs('timestampMs', timestampMs);
      if (!isPointInTime) {
        const joined = joinOne(key, timestampMs, value, table.latest(key));
        return joined === undefined ? ACCEPTED : { status: 'accepted', joined: [joined] };
      }
      if (timestampMs < table.horizonMs()) return LATE;
      if (timestampMs <= watermarkMs) {
        // Every version up to the watermark has arrived (late ones aside): the answer is final now.
        const joined = joinOne(key, timestampMs, value, table.lookup(key, timestampMs));
        return joined === undefined ? ACCEPTED : { status: 'accepted', joined: [joined] };
      }
      const storeKey = bucketStateKey(key, timestampMs);
      const bucket = store.get(storeKey) as S[] | undefined;
      store.put(storeKey, bucket === undefined ? [value] : [...bucket, value]);
      if (bucket === undefined) pending.add(timestampMs, storeKey);
      return ACCEPTED;
    },

    advanceWatermark(nextWatermarkMs) {
      requireWatermarkMs(nextWatermarkMs);
      const joined: Joined<Out>[] = [];
      if (isPointInTime && nextWatermarkMs > watermarkMs) {
        watermarkMs = nextWatermarkMs;
        store.put(WATERMARK_STATE_KEY, watermarkMs);
        for (const { members } of pending.popDue(watermarkMs)) {
          for (const storeKey of members) {
            const { key, timestampMs } = decodeBucketStateKey(storeKey, STEP) as { key: string; timestampMs: number };
            const row = table.lookup(key, timestampMs);
            for (const value of store.get(storeKey) as S[]) {
              const one = joinOne(key, timestampMs, value, row);
              if (one !== undefined) joined.push(one);
            }
            store.delete(storeKey);
          }
        }
      } else if (!isPointInTime) {
        watermarkMs = Math.max(watermarkMs, nextWatermarkMs);
      }
      // After the lookups: trimming first could drop versions the waiting records need.
      table.advanceWatermark(nextWatermarkMs);
      return joined;
    },

    restore(storeKeys) {
      if (!isPointInTime) return;
      for (const storeKey of storeKeys) {
        const decoded = decodeBucketStateKey(storeKey, STEP);
        if (decoded !== undefined) pending.add(decoded.timestampMs, storeKey);
      }
    },

    watermarkMs: () => watermarkMs,
    pendingRecordCount: () => pending.size(),
  };
}

function requireOptions(options: unknown): void {
  const { table, mode, joinType, joiner, store } = (options ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const candidate = table as
    Partial<Record<'lookup' | 'latest' | 'horizonMs' | 'advanceWatermark', unknown>> | undefined;
  if (typeof candidate?.lookup !== 'function' || typeof candidate.latest !== 'function') {
    problems.push('table must be a VersionedTable from createVersionedTable()');
  }
  if (mode !== 'latest' && mode !== 'point-in-time') {
    problems.push(`mode must be 'latest' or 'point-in-time', got ${String(mode)}`);
  }
  if (joinType !== 'inner' && joinType !== 'left')
    problems.push(`joinType must be 'inner' or 'left', got ${String(joinType)}`);
  if (typeof joiner !== 'function') problems.push('joiner must be a function (record, row) => result');
  if (mode === 'point-in-time' && !isJoinStateStore(store)) {
    problems.push(
      'store must be a JoinStateStore (get, put, delete): point-in-time keeps records until the watermark passes them',
    );
  }
  throwIfProblems(STEP, problems);
}
