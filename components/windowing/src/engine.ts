import type { Aggregator } from './types';
import type { WindowStateStore } from './window-state-store';
import type { AddResult, Fired } from './results';

/** What the sliced and session engines get from `createWindowedAggregation`. */
export interface EngineContext<In, Acc, Out> {
  readonly aggregator: Aggregator<In, Acc, Out>;
  readonly store: WindowStateStore;
  readonly allowedLatenessMs: number;
  watermarkMs(): number;
  /** Reports a record late for all its windows and returns the `late` result. */
  late(key: string, timestampMs: number, value: In): AddResult<Out>;
}

/** The kind-specific half of a windowed aggregation. */
export interface Engine<In, Out> {
  add(key: string, timestampMs: number, value: In): AddResult<Out>;
  /** Fires what the (already raised) watermark reached, then drops expired state. */
  fireAndExpire(): Fired<Out>[];
  restoreKey(storeKey: string): void;
  pendingWindowCount(): number;
}

/** The common result: stored, nothing fired (shared, so the hot path allocates nothing for it). */
export const ACCEPTED: AddResult<never> = Object.freeze({ status: 'accepted', fired: Object.freeze([]) });
