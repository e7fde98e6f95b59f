/** A half-open event-time interval `[startMs, endMs)` in epoch milliseconds. */
export interface Window {
  readonly startMs: number;
  readonly endMs: number;
}

/** Fixed-size, non-overlapping windows (Flink `TumblingEventTimeWindows`). */
export interface TumblingSpec {
  readonly kind: 'tumbling';
  readonly sizeMs: number;
  /** Shifts window starts away from the epoch; `|offsetMs| < sizeMs`. */
  readonly offsetMs: number;
  /** How long after `endMs - 1` (by the watermark) the window still accepts records and fires updates. */
  readonly allowedLatenessMs: number;
}

/** Overlapping windows of `sizeMs`, a new one every `advanceMs` (Flink `SlidingEventTimeWindows`). */
export interface HoppingSpec {
  readonly kind: 'hopping';
  readonly sizeMs: number;
  readonly advanceMs: number;
  /** Shifts window starts away from the epoch; `|offsetMs| < advanceMs`. */
  readonly offsetMs: number;
  readonly allowedLatenessMs: number;
}

/** Per-key activity sessions closed by `gapMs` without records (Flink `EventTimeSessionWindows`). */
export interface SessionSpec {
  readonly kind: 'session';
  readonly gapMs: number;
  readonly allowedLatenessMs: number;
}

export type WindowSpec = TumblingSpec | HoppingSpec | SessionSpec;

/**
 * An incremental aggregate. `merge` must be associative and `init()` its identity; accumulators
 * must be plain data (numbers, strings, booleans, arrays, plain objects) because they are stored
 * with the keyed store's codec (a compact form for numbers and flat objects of numbers, else
 * `v8.serialize`). `add` and `merge` must not change their arguments (they may be stored
 * accumulators that other windows still need): return a new accumulator, or one of the arguments
 * as it is (e.g. merging with an empty one). So an engine may hold on to any accumulator it got.
 */
export interface Aggregator<In, Acc, Out> {
  init(): Acc;
  add(acc: Acc, value: In): Acc;
  merge(a: Acc, b: Acc): Acc;
  result(acc: Acc): Out;
}
