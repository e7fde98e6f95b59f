import { requireTimestampMs, WindowingError } from './errors';
import type { EngineContext } from './engine';
import { createSessionAggregation } from './session-aggregation';
import { createSlicedAggregation } from './sliced-aggregation';
import type { AddResult, Fired, LateRecord } from './results';
import type { Aggregator, WindowSpec } from './types';
import { WATERMARK_STATE_KEY, type WindowStateStore } from './window-state-store';

export interface WindowedAggregationOptions<In, Acc, Out> {
  readonly spec: WindowSpec;
  readonly aggregator: Aggregator<In, Acc, Out>;
  /** This step's own store (key layout in the README); only this aggregation writes to it. */
  readonly store: WindowStateStore;
  /** Called for every late record, in addition to `add` returning `status: 'late'`. */
  readonly onLate?: (record: LateRecord<In>) => void;
}

/**
 * A keyed windowed aggregate over a synchronous store.
 *
 * @remarks Not shared: one per (step, task). Call `restore` once at task start, before `add`.
 */
export interface WindowedAggregation<In, Out> {
  /** Adds one record; one store write (hopping/tumbling: the record's slice; session: the key's session list). */
  add(key: string, timestampMs: number, value: In): AddResult<Out>;
  /**
   * Moves event time to `watermarkMs` (lower values are ignored) and returns every (key, window)
   * whose `endMs - 1 <= watermarkMs` and that has not fired yet, by ascending `endMs`; then drops the
   * state of windows past `endMs - 1 + allowedLatenessMs`.
   */
  advanceWatermark(watermarkMs: number): Fired<Out>[];
  /** Rebuilds the in-memory timers from the keys in the store (a scan at task start). */
  restore(storeKeys: Iterable<string>): void;
  /** The last watermark applied (persisted in the store), `-Infinity` before any. */
  watermarkMs(): number;
  /** (key, window) pairs waiting for their first firing. */
  pendingWindowCount(): number;
}

const LATE: AddResult<never> = Object.freeze({ status: 'late', fired: Object.freeze([]) });

/**
 * Builds the windowed aggregation for `spec` over `store`. Hopping windows are sliced: the store
 * holds one accumulator per (key, slice of `gcd(sizeMs, advanceMs)`), so a record costs one state
 * update and a firing merges the window's slices; tumbling is the one-slice-per-window case;
 * session windows keep each key's open sessions in one entry and merge them when a record bridges
 * them. Firing follows Flink: once at watermark `>= endMs - 1`, then once more per late-but-allowed
 * record until the watermark passes `endMs - 1 + allowedLatenessMs`, when the state is removed.
 *
 * @throws WindowingError `WINDOWING_INVALID_OPTIONS` for a missing spec, aggregator or store
 * @example
 * const features = createWindowedAggregation({
 *   spec: hopping({ sizeMs: 600_000, advanceMs: 60_000, allowedLatenessMs: 0 }),
 *   aggregator: combine({ num_trans: count(), avg_amt: mean((t: Transaction) => t.amount) }),
 *   store,
 * });
 * const { status } = features.add(String(t.cc_num), t.datetime, t);
 * for (const fired of features.advanceWatermark(tracker.current())) emit(fired);
 */
export function createWindowedAggregation<In, Acc, Out>(
  options: WindowedAggregationOptions<In, Acc, Out>,
): WindowedAggregation<In, Out> {
  const { spec, aggregator, store, onLate } = requireOptions(options);
  const storedWatermarkMs = store.get(WATERMARK_STATE_KEY);
  let watermarkMs = typeof storedWatermarkMs === 'number' ? storedWatermarkMs : Number.NEGATIVE_INFINITY;

  const context: EngineContext<In, Acc, Out> = {
    aggregator,
    store,
    allowedLatenessMs: spec.allowedLatenessMs,
    watermarkMs: () => watermarkMs,
    late(key, timestampMs, value) {
      onLate?.({ key, timestampMs, value });
      return LATE;
    },
  };
  const engine =
    spec.kind === 'session'
      ? createSessionAggregation(context, spec.gapMs)
      : createSlicedAggregation(
          context,
          spec.kind === 'hopping' ? spec : { sizeMs: spec.sizeMs, advanceMs: spec.sizeMs, offsetMs: spec.offsetMs },
        );

  return {
    add(key, timestampMs, value) {
      requireTimestampMs('timestampMs', timestampMs);
      return engine.add(key, timestampMs, value);
    },
    advanceWatermark(nextWatermarkMs) {
      if (Number.isNaN(nextWatermarkMs) || typeof nextWatermarkMs !== 'number') {
        throw new WindowingError(
          'WINDOWING_INVALID_TIMESTAMP',
          `watermarkMs must be a number, got ${String(nextWatermarkMs)}`,
        );
      }
      if (nextWatermarkMs <= watermarkMs) return [];
      watermarkMs = nextWatermarkMs;
      store.put(WATERMARK_STATE_KEY, watermarkMs);
      return engine.fireAndExpire();
    },
    restore(storeKeys) {
      for (const storeKey of storeKeys) engine.restoreKey(storeKey);
    },
    watermarkMs: () => watermarkMs,
    pendingWindowCount: () => engine.pendingWindowCount(),
  };
}

function requireOptions<In, Acc, Out>(
  options: WindowedAggregationOptions<In, Acc, Out>,
): WindowedAggregationOptions<In, Acc, Out> {
  const problems: string[] = [];
  if (!['tumbling', 'hopping', 'session'].includes(options?.spec?.kind)) {
    problems.push('spec must come from tumbling(), hopping() or session()');
  }
  if (typeof options?.aggregator?.add !== 'function')
    problems.push('aggregator must be an Aggregator (init, add, merge, result)');
  const store = options?.store;
  if (
    typeof store?.get !== 'function' ||
    typeof store.put !== 'function' ||
    typeof store.insert !== 'function' ||
    typeof store.delete !== 'function'
  ) {
    problems.push('store must be a WindowStateStore (get, put, insert, delete)');
  }
  if (options?.onLate !== undefined && typeof options.onLate !== 'function') problems.push('onLate must be a function');
  if (problems.length > 0) {
    throw new WindowingError('WINDOWING_INVALID_OPTIONS', `createWindowedAggregation(): ${problems.join('; ')}`);
  }
  return options;
}
