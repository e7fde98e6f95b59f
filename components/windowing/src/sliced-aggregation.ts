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
  /**
   * Start times of the slices that hold state, per record key, ascending. The store is this
   * engine's alone, so this says which slices exist without reading it: a new slice costs no
   * lookup of an absent key (a LevelDB miss), a firing reads only slices that exist, and a new
   * slice registers timers only for windows no other live slice of the key is in.
   */
  const slicesByKey = new Map<string, number[]>();

  const windowsOfSlice = (sliceStartMs: number): Window[] => hoppingWindows(sizeMs, advanceMs, offsetMs, sliceStartMs);
  const expiresAtMs = (sliceStartMs: number): number =>
    windowStartMs(sliceStartMs, advanceMs, offsetMs) + sizeMs - 1 + allowedLatenessMs;
  const isClosed = (window: Window): boolean => window.endMs - 1 + allowedLatenessMs <= context.watermarkMs();

  /** Adds a live slice; returns its index in the key's ascending list. */
  function addSlice(key: string, sliceStartMs: number): { slices: number[]; at: number } {
    let slices = slicesByKey.get(key);
    if (slices === undefined) {
      slices = [sliceStartMs];
      slicesByKey.set(key, slices);
      return { slices, at: 0 };
    }
    let at = slices.length;
    while (at > 0 && (slices[at - 1] as number) > sliceStartMs) at--;
    slices.splice(at, 0, sliceStartMs);
    return { slices, at };
  }

  function removeSlice(storeKey: string): void {
    const decoded = decodeSliceStateKey(storeKey);
    if (decoded === undefined) return;
    const slices = slicesByKey.get(decoded.key);
    if (slices === undefined) return;
    const at = slices.indexOf(decoded.sliceStartMs);
    if (at >= 0) slices.splice(at, 1);
    if (slices.length === 0) slicesByKey.delete(decoded.key);
  }

  /**
   * Invariant: every window holding a live slice of `key` and due after the watermark has a fire
   * timer for `key`. So a new slice registers only the windows holding neither its live
   * predecessor nor its live successor (in order: one window per new slice).
   */
  function registerTimers(
    key: string,
    storeKey: string,
    sliceStartMs: number,
    previousMs: number,
    nextMs: number,
  ): void {
    expiryTimers.add(expiresAtMs(sliceStartMs), storeKey);
    const watermarkMs = context.watermarkMs();
    // By descending start: once a window holds the predecessor, every earlier one does too.
    for (
      let startMs = windowStartMs(sliceStartMs, advanceMs, offsetMs);
      startMs > sliceStartMs - sizeMs && startMs > previousMs;
      startMs -= advanceMs
    ) {
      const dueMs = startMs + sizeMs - 1;
      if (dueMs > watermarkMs && startMs + sizeMs <= nextMs) fireTimers.add(dueMs, key);
    }
  }

  /** The window's accumulator, and how many of its slices hold state. */
  function mergeWindow(key: string, window: Window): { acc: Acc; slicesWithState: number } {
    let acc = aggregator.init();
    let slicesWithState = 0;
    for (const sliceStartMs of slicesByKey.get(key) ?? []) {
      if (sliceStartMs < window.startMs || sliceStartMs >= window.endMs) continue;
      const sliceAcc = store.get(sliceStateKey(key, sliceStartMs)) as Acc | undefined;
      if (sliceAcc === undefined) continue;
      acc = aggregator.merge(acc, sliceAcc);
      slicesWithState += 1;
    }
    return { acc, slicesWithState };
  }

  function hasSlice(key: string, sliceStartMs: number): boolean {
    const slices = slicesByKey.get(key);
    if (slices === undefined) return false;
    for (let at = slices.length - 1; at >= 0; at--) {
      const startMs = slices[at] as number;
      if (startMs === sliceStartMs) return true;
      if (startMs < sliceStartMs) return false;
    }
    return false;
  }

  function trackNewSlice(key: string, storeKey: string, sliceStartMs: number): void {
    const { slices, at } = addSlice(key, sliceStartMs);
    const previousMs = at > 0 ? (slices[at - 1] as number) : Number.NEGATIVE_INFINITY;
    const nextMs = at + 1 < slices.length ? (slices[at + 1] as number) : Number.POSITIVE_INFINITY;
    registerTimers(key, storeKey, sliceStartMs, previousMs, nextMs);
  }

  return {
    add(key, timestampMs, value) {
      const sliceStartMs = windowStartMs(timestampMs, sliceMs, offsetMs);
      // The slice's last window is the last to close: if it is closed, all the record's windows are.
      if (expiresAtMs(sliceStartMs) <= context.watermarkMs()) return context.late(key, timestampMs, value);

      const storeKey = sliceStateKey(key, sliceStartMs);
      const isExisting = hasSlice(key, sliceStartMs);
      const prior = isExisting ? (store.get(storeKey) as Acc | undefined) : undefined;
      store.put(storeKey, aggregator.add(prior ?? aggregator.init(), value));
      // A slice that already existed registered its timers then, and the watermark only moves forward.
      if (!isExisting) trackNewSlice(key, storeKey, sliceStartMs);

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
      // Most watermark steps reach no timer: return without allocating.
      if (fireTimers.nextDueMs() > watermarkMs && expiryTimers.nextDueMs() > watermarkMs) return NOTHING_FIRED;
      const fired: Fired<Out>[] = [];
      for (const { dueMs, members } of fireTimers.popDue(watermarkMs)) {
        const window = { startMs: dueMs + 1 - sizeMs, endMs: dueMs + 1 };
        for (const key of members) {
          const { acc, slicesWithState } = mergeWindow(key, window);
          if (slicesWithState > 0) fired.push({ key, window, result: aggregator.result(acc), isUpdate: false });
        }
      }
      for (const { members } of expiryTimers.popDue(watermarkMs)) {
        for (const storeKey of members) {
          store.delete(storeKey);
          removeSlice(storeKey);
        }
      }
      return fired;
    },

    restoreKey(storeKey) {
      const decoded = decodeSliceStateKey(storeKey);
      if (decoded === undefined) return;
      if (expiresAtMs(decoded.sliceStartMs) <= context.watermarkMs()) {
        store.delete(storeKey);
        return;
      }
      if (hasSlice(decoded.key, decoded.sliceStartMs)) return;
      addSlice(decoded.key, decoded.sliceStartMs);
      // Keys may come in any order: register every window of the slice (timers are sets).
      registerTimers(decoded.key, storeKey, decoded.sliceStartMs, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    },

    pendingWindowCount: () => fireTimers.size(),
  };
}

/** Frozen: a caller that pushes to it fails loudly instead of changing the next result. */
const NOTHING_FIRED = Object.freeze([]) as unknown as Fired<never>[];

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
