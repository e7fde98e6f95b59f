import { hoppingWindows, windowStartMs } from './assign-windows';
import { ACCEPTED, type Engine, type EngineContext } from './engine';
import { createTimerIndex } from './timer-index';
import type { Window } from './types';
import { decodeSliceStateKey, sliceStateKey } from './window-state-store';
import type { Fired } from './results';

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
 *   members are record keys: a key's slices expire in order of start, so the due ones are the
 *   front of its list and no store key is parsed back.
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
   *
   * Each slice also keeps the accumulator last written to or read from the store, so a record costs
   * one store write and a firing no store reads. The store stays the state of record (checkpoints,
   * restore); aggregators never change an accumulator, so holding one is safe.
   */
  const slicesByKey = new Map<string, LiveSlices<Acc>>();

  const windowsOfSlice = (sliceStartMs: number): Window[] => hoppingWindows(sizeMs, advanceMs, offsetMs, sliceStartMs);
  const expiresAtMs = (sliceStartMs: number): number =>
    windowStartMs(sliceStartMs, advanceMs, offsetMs) + sizeMs - 1 + allowedLatenessMs;
  const isClosed = (window: Window): boolean => window.endMs - 1 + allowedLatenessMs <= context.watermarkMs();

  /**
   * Adds a live slice to the key's list; returns its index there. `acc` is what was just written,
   * `undefined` when the slice comes from the store (read on first use).
   */
  function addSlice(
    key: string,
    live: LiveSlices<Acc> | undefined,
    sliceStartMs: number,
    storeKey: string,
    acc: Acc | undefined,
  ): number {
    if (live === undefined) {
      slicesByKey.set(key, { startsMs: [sliceStartMs], storeKeys: [storeKey], accs: [acc] });
      return 0;
    }
    const { startsMs, storeKeys, accs } = live;
    let at = startsMs.length;
    while (at > 0 && (startsMs[at - 1] as number) > sliceStartMs) at--;
    if (at === startsMs.length) {
      // The usual case, a slice newer than the others: `splice` would also build an array of the removed.
      startsMs.push(sliceStartMs);
      storeKeys.push(storeKey);
      accs.push(acc);
    } else {
      startsMs.splice(at, 0, sliceStartMs);
      storeKeys.splice(at, 0, storeKey);
      accs.splice(at, 0, acc);
    }
    return at;
  }

  /** Deletes the key's slices whose last window is closed: a prefix of its list, by ascending start. */
  function expireSlices(key: string, watermarkMs: number): void {
    const live = slicesByKey.get(key);
    if (live === undefined) return;
    const { startsMs, storeKeys } = live;
    let expired = 0;
    while (expired < startsMs.length && expiresAtMs(startsMs[expired] as number) <= watermarkMs) {
      store.delete(storeKeys[expired] as string);
      expired++;
    }
    if (expired === startsMs.length) {
      slicesByKey.delete(key);
    } else if (expired === 1) {
      // The usual case (one slice per step of the watermark): no array of the removed, as `splice` builds.
      startsMs.shift();
      storeKeys.shift();
      live.accs.shift();
    } else if (expired > 1) {
      startsMs.splice(0, expired);
      storeKeys.splice(0, expired);
      live.accs.splice(0, expired);
    }
  }

  /** The slice's accumulator, read from the store the first time after a restore. */
  function sliceAcc(live: LiveSlices<Acc>, at: number): Acc | undefined {
    const held = live.accs[at];
    if (held !== undefined) return held;
    const stored = store.get(live.storeKeys[at] as string) as Acc | undefined;
    live.accs[at] = stored;
    return stored;
  }

  /**
   * Invariant: every window holding a live slice of `key` and due after the watermark has a fire
   * timer for `key`. So a new slice registers only the windows holding neither its live
   * predecessor nor its live successor (in order: one window per new slice).
   */
  function registerTimers(key: string, sliceStartMs: number, previousMs: number, nextMs: number): void {
    expiryTimers.add(expiresAtMs(sliceStartMs), key);
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
    const { startsMs } = live;
    for (let at = 0; at < startsMs.length; at++) {
      const sliceStartMs = startsMs[at] as number;
      if (sliceStartMs < window.startMs || sliceStartMs >= window.endMs) continue;
      const held = sliceAcc(live, at);
      if (held === undefined) continue;
      acc = aggregator.merge(acc, held);
      slicesWithState += 1;
    }
    return { acc, slicesWithState };
  }

  /** Index of the slice in the key's list, -1 if it holds no state; searched from the newest. */
  function indexOfSlice(live: LiveSlices<Acc> | undefined, sliceStartMs: number): number {
    if (live === undefined) return -1;
    const { startsMs } = live;
    for (let at = startsMs.length - 1; at >= 0; at--) {
      const startMs = startsMs[at] as number;
      if (startMs === sliceStartMs) return at;
      if (startMs < sliceStartMs) return -1;
    }
    return -1;
  }

  function trackNewSlice(
    key: string,
    live: LiveSlices<Acc> | undefined,
    storeKey: string,
    sliceStartMs: number,
    acc: Acc,
  ): void {
    const at = addSlice(key, live, sliceStartMs, storeKey, acc);
    const { startsMs } = live ?? (slicesByKey.get(key) as LiveSlices<Acc>);
    const previousMs = at > 0 ? (startsMs[at - 1] as number) : Number.NEGATIVE_INFINITY;
    const nextMs = at + 1 < startsMs.length ? (startsMs[at + 1] as number) : Number.POSITIVE_INFINITY;
    registerTimers(key, sliceStartMs, previousMs, nextMs);
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
        const existing = live as LiveSlices<Acc>;
        prior = sliceAcc(existing, at);
        const next = aggregator.add(prior ?? aggregator.init(), value);
        store.put(existing.storeKeys[at] as string, next);
        existing.accs[at] = next;
      } else {
        // A new slice registers its timers now; an existing one did, and the watermark only moves forward.
        // `insert`: the slice is not in the store, so if it expires before the next checkpoint it
        // costs neither a changelog record nor a tombstone (most slices, when catching up).
        const storeKey = sliceStateKey(key, sliceStartMs);
        const next = aggregator.add(aggregator.init(), value);
        store.insert(storeKey, next);
        trackNewSlice(key, live, storeKey, sliceStartMs, next);
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
        for (const key of members) expireSlices(key, watermarkMs);
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
      addSlice(decoded.key, live, decoded.sliceStartMs, storeKey, undefined);
      // Keys may come in any order: register every window of the slice (timers are sets).
      registerTimers(decoded.key, decoded.sliceStartMs, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    },

    pendingWindowCount: () => fireTimers.size(),
  };
}

/** A key's live slices: parallel arrays, ascending by start. */
interface LiveSlices<Acc> {
  readonly startsMs: number[];
  readonly storeKeys: string[];
  /** The slice's accumulator as last written or read; `undefined` until read after a restore. */
  readonly accs: (Acc | undefined)[];
}

/** Frozen: a caller that pushes to it fails loudly instead of changing the next result. */
const NOTHING_FIRED = Object.freeze([]) as unknown as Fired<never>[];

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
