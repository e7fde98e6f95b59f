import { hoppingWindows, windowStartMs } from './assign-windows';
import { ACCEPTED, type Engine, type EngineContext } from './engine';
import { createTimerIndex } from './timer-index';
import type { Window } from './types';
import { decodeSliceStateKey, sliceStateKey } from './window-state-store';
import type { Fired } from './windowed-aggregation';

export interface SlicedLayout {
  readonly sizeMs: number;
  readonly advanceMs: number;
  readonly offsetMs: number;
}

/**
 * Hopping (and tumbling, where advance = size) windows over slices of `gcd(sizeMs, advanceMs)`:
 * window starts and ends are all slice boundaries, so each window is a whole number of slices
 * and each record updates exactly one slice. Timers:
 * - fire: due at `endMs - 1`, members are record keys (the window is `[due + 1 - sizeMs, due + 1)`);
 * - expiry: due at `lastEndMs - 1 + allowedLatenessMs` of the last window holding the slice,
 *   members are slice store keys.
 */
export function createSlicedAggregation<In, Acc, Out>(
  context: EngineContext<In, Acc, Out>,
  { sizeMs, advanceMs, offsetMs }: SlicedLayout,
): Engine<In, Out> {
  const { aggregator, store, allowedLatenessMs } = context;
  const sliceMs = greatestCommonDivisor(sizeMs, advanceMs);
  const fireTimers = createTimerIndex();
  const expiryTimers = createTimerIndex();

  const windowsOfSlice = (sliceStartMs: number): Window[] => hoppingWindows(sizeMs, advanceMs, offsetMs, sliceStartMs);
  const expiresAtMs = (sliceStartMs: number): number =>
    windowStartMs(sliceStartMs, advanceMs, offsetMs) + sizeMs - 1 + allowedLatenessMs;
  const isClosed = (window: Window): boolean => window.endMs - 1 + allowedLatenessMs <= context.watermarkMs();

  function registerTimers(key: string, storeKey: string, sliceStartMs: number): void {
    expiryTimers.add(expiresAtMs(sliceStartMs), storeKey);
    for (const window of windowsOfSlice(sliceStartMs)) {
      if (window.endMs - 1 > context.watermarkMs()) fireTimers.add(window.endMs - 1, key);
    }
  }

  /** The window's accumulator, and how many of its slices hold state. */
  function mergeWindow(key: string, window: Window): { acc: Acc; slicesWithState: number } {
    let acc = aggregator.init();
    let slicesWithState = 0;
    for (let sliceStartMs = window.startMs; sliceStartMs < window.endMs; sliceStartMs += sliceMs) {
      const sliceAcc = store.get(sliceStateKey(key, sliceStartMs)) as Acc | undefined;
      if (sliceAcc === undefined) continue;
      acc = aggregator.merge(acc, sliceAcc);
      slicesWithState += 1;
    }
    return { acc, slicesWithState };
  }

  return {
    add(key, timestampMs, value) {
      const sliceStartMs = windowStartMs(timestampMs, sliceMs, offsetMs);
      // The slice's last window is the last to close: if it is closed, all the record's windows are.
      if (expiresAtMs(sliceStartMs) <= context.watermarkMs()) return context.late(key, timestampMs, value);

      const storeKey = sliceStateKey(key, sliceStartMs);
      const prior = store.get(storeKey) as Acc | undefined;
      store.put(storeKey, aggregator.add(prior ?? aggregator.init(), value));
      // A slice that already existed registered its timers then, and the watermark only moves forward.
      if (prior === undefined) registerTimers(key, storeKey, sliceStartMs);

      // Every window holding the slice ends at or after the slice's end: none is due yet (the common case).
      if (sliceStartMs + sliceMs - 1 > context.watermarkMs()) return ACCEPTED;
      let fired: Fired<Out>[] | undefined;
      for (const window of windowsOfSlice(sliceStartMs)) {
        if (window.endMs - 1 > context.watermarkMs() || isClosed(window)) continue;
        // Past its end but within lateness: fires again now, with this record (Flink's EventTimeTrigger.onElement).
        const { acc, slicesWithState } = mergeWindow(key, window);
        const hadStateBefore = prior !== undefined || slicesWithState > 1;
        (fired ??= []).push({ key, window, result: aggregator.result(acc), isUpdate: hadStateBefore });
      }
      return fired === undefined ? ACCEPTED : { status: 'accepted', fired };
    },

    fireAndExpire() {
      const watermarkMs = context.watermarkMs();
      const fired: Fired<Out>[] = [];
      for (const { dueMs, members } of fireTimers.popDue(watermarkMs)) {
        const window = { startMs: dueMs + 1 - sizeMs, endMs: dueMs + 1 };
        for (const key of members) {
          const { acc, slicesWithState } = mergeWindow(key, window);
          if (slicesWithState > 0) fired.push({ key, window, result: aggregator.result(acc), isUpdate: false });
        }
      }
      for (const { members } of expiryTimers.popDue(watermarkMs)) {
        for (const storeKey of members) store.delete(storeKey);
      }
      return fired;
    },

    restoreKey(storeKey) {
      const decoded = decodeSliceStateKey(storeKey);
      if (decoded === undefined) return;
      if (expiresAtMs(decoded.sliceStartMs) <= context.watermarkMs()) store.delete(storeKey);
      else registerTimers(decoded.key, storeKey, decoded.sliceStartMs);
    },

    pendingWindowCount: () => fireTimers.size(),
  };
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
