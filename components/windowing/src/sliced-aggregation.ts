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
   * The slices that hold state, per record key, by ascending start, with their store keys. The
   * store is this engine's alone, so this says which slices exist without reading it: a new slice
   * costs no lookup of an absent key (a LevelDB miss), a firing reads only slices that exist, a
   * new slice registers timers only for windows no other live slice of the key is in, and store
   * keys are built (and hashed) once per slice rather than per access.
   */
  const slicesByKey = new Map<string, LiveSlices>();

  const windowsOfSlice = (sliceStartMs: number): Window[] => hoppingWindows(sizeMs, advanceMs, offsetMs, sliceStartMs);
  const expiresAtMs = (sliceStartMs: number): number =>
    windowStartMs(sliceStartMs, advanceMs, offsetMs) + sizeMs - 1 + allowedLatenessMs;
  const isClosed = (window: Window): boolean => window.endMs - 1 + allowedLatenessMs <= context.watermarkMs();

  /** Adds a live slice to the key's list; returns its index there. */
  function addSlice(key: string, live: LiveSlices | undefined, sliceStartMs: number, storeKey: string): number {
    if (live === undefined) {
      slicesByKey.set(key, { startsMs: [sliceStartMs], storeKeys: [storeKey] });
      return 0;
    }
    let at = live.startsMs.length;
    while (at > 0 && (live.startsMs[at - 1] as number) > sliceStartMs) at--;
    live.startsMs.splice(at, 0, sliceStartMs);
    live.storeKeys.splice(at, 0, storeKey);
    return at;
  }

  function removeSlice(storeKey: string): void {
    const decoded = decodeSliceStateKey(storeKey);
    if (decoded === undefined) return;
    const live = slicesByKey.get(decoded.key);
    if (live === undefined) return;
    const at = live.startsMs.indexOf(decoded.sliceStartMs);
    if (at >= 0) {
      live.startsMs.splice(at, 1);
      live.storeKeys.splice(at, 1);
    }
    if (live.startsMs.length === 0) slicesByKey.delete(decoded.key);
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
    const live = slicesByKey.get(key);
    if (live === undefined) return { acc, slicesWithState };
    const { startsMs, storeKeys } = live;
    for (let at = 0; at < startsMs.length; at++) {
      const sliceStartMs = startsMs[at] as number;
      if (sliceStartMs < window.startMs || sliceStartMs >= window.endMs) continue;
      const sliceAcc = store.get(storeKeys[at] as string) as Acc | undefined;
      if (sliceAcc === undefined) continue;
      acc = aggregator.merge(acc, sliceAcc);
      slicesWithState += 1;
    }
    return { acc, slicesWithState };
  }

  /** Index of the slice in the key's list, -1 if it holds no state; searched from the newest. */
  function indexOfSlice(live: LiveSlices | undefined, sliceStartMs: number): number {
    if (live === undefined) return -1;
    const { startsMs } = live;
    for (let at = startsMs.length - 1; at >= 0; at--) {
      const startMs = startsMs[at] as number;
      if (startMs === sliceStartMs) return at;
      if (startMs < sliceStartMs) return -1;
    }
    return -1;
  }

  function trackNewSlice(key: string, live: LiveSlices | undefined, storeKey: string, sliceStartMs: number): void {
    const at = addSlice(key, live, sliceStartMs, storeKey);
    const { startsMs } = live ?? (slicesByKey.get(key) as LiveSlices);
    const previousMs = at > 0 ? (startsMs[at - 1] as number) : Number.NEGATIVE_INFINITY;
    const nextMs = at + 1 < startsMs.length ? (startsMs[at + 1] as number) : Number.POSITIVE_INFINITY;
    registerTimers(key, storeKey, sliceStartMs, previousMs, nextMs);
  }

  return {
    add(key, timestampMs, value) {
      const sliceStartMs = windowStartMs(timestampMs, sliceMs, offsetMs);
      // The slice's last window is the last to close: if it is closed, all the record's windows are.
      if (expiresAtMs(sliceStartMs) <= context.watermarkMs()) return context.late(key, timestampMs, value);

      const live = slicesByKey.get(key);
      const at = indexOfSlice(live, sliceStartMs);
      let prior: Acc | undefined;
      if (at >= 0) {
        const storeKey = (live as LiveSlices).storeKeys[at] as string;
        prior = store.get(storeKey) as Acc | undefined;
        store.put(storeKey, aggregator.add(prior ?? aggregator.init(), value));
      } else {
        // A new slice registers its timers now; an existing one did, and the watermark only moves forward.
        // `insert`: the slice is not in the store, so if it expires before the next checkpoint it
        // costs neither a changelog record nor a tombstone (most slices, when catching up).
        const storeKey = sliceStateKey(key, sliceStartMs);
        store.insert(storeKey, aggregator.add(aggregator.init(), value));
        trackNewSlice(key, live, storeKey, sliceStartMs);
      }

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
      const live = slicesByKey.get(decoded.key);
      if (indexOfSlice(live, decoded.sliceStartMs) >= 0) return;
      addSlice(decoded.key, live, decoded.sliceStartMs, storeKey);
      // Keys may come in any order: register every window of the slice (timers are sets).
      registerTimers(decoded.key, storeKey, decoded.sliceStartMs, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    },

    pendingWindowCount: () => fireTimers.size(),
  };
}

/** Frozen: a caller that pushes to it fails loudly instead of changing the next result. */
/** A key's live slices: parallel arrays, ascending by start. */
interface LiveSlices {
  readonly startsMs: number[];
  readonly storeKeys: string[];
}

const NOTHING_FIRED = Object.freeze([]) as unknown as Fired<never>[];

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
