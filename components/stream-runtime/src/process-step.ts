import type { StepState } from '@fp/keyed-state';
import type { ProcessorContext } from '@fp/topology';
import type { ProcessNode } from '@fp/topology/internal';
import type { StateKeyCodec } from './state-key';

/** Store layout of a `process` step: `v\0<key>` value state, `t\0<timer ms, 16 digits>\0<key>` timers. */
const VALUE_PREFIX = 'v\u0000';
const TIMER_PREFIX = 't\u0000';
/** Enough digits for any epoch-ms timestamp up to year 2286, so timer keys sort by time. */
const TIMER_DIGITS = 16;

export interface ProcessStep {
  process(key: unknown, value: unknown, timestampMs: number): void;
  advanceWatermark(watermarkMs: number): void;
  /** Rebuilds the timer index from the store (task start). */
  restore(): Promise<void>;
}

export interface ProcessStepOptions {
  readonly node: ProcessNode;
  readonly store: StepState<unknown>;
  readonly keys: StateKeyCodec<unknown>;
  readonly next: (key: unknown, value: unknown, timestampMs: number) => void;
  readonly watermarkMs: () => number;
}

/** Runs a `KeyedProcessor` with per-key value state and event-time timers kept in the step's store. */
export function createProcessStep({ node, store, keys, next, watermarkMs }: ProcessStepOptions): ProcessStep {
  const timersByTime = new Map<number, Set<string>>();
  const timerTimes: number[] = [];
  let currentStateKey = '';
  let currentTimestampMs = 0;

  const context: ProcessorContext<unknown, unknown, unknown> = {
    state: {
      get: () => store.get(VALUE_PREFIX + currentStateKey),
      set: (value) => store.put(VALUE_PREFIX + currentStateKey, value, currentTimestampMs),
      clear: () => store.delete(VALUE_PREFIX + currentStateKey),
    },
    get watermarkMs() {
      return watermarkMs();
    },
    registerEventTimeTimer(timestampMs) {
      if (addTimer(timestampMs, currentStateKey))
        store.put(timerKey(timestampMs, currentStateKey), true, currentTimestampMs);
    },
    forward(key, value, timestampMs) {
      next(key, value, timestampMs ?? currentTimestampMs);
    },
  };

  function addTimer(timestampMs: number, stateKey: string): boolean {
    let keysAtTime = timersByTime.get(timestampMs);
    if (!keysAtTime) {
      keysAtTime = new Set();
      timersByTime.set(timestampMs, keysAtTime);
      timerTimes.splice(insertionIndex(timerTimes, timestampMs), 0, timestampMs);
    }
    if (keysAtTime.has(stateKey)) return false;
    keysAtTime.add(stateKey);
    return true;
  }

  return {
    process(key, value, timestampMs) {
      currentStateKey = keys.encode(key);
      currentTimestampMs = timestampMs;
      node.processor.process(context, key, value, timestampMs);
    },
    advanceWatermark(watermark) {
      const onTimer = node.processor.onTimer;
      while (timerTimes.length > 0 && (timerTimes[0] as number) <= watermark) {
        const timerMs = timerTimes.shift() as number;
        const keysAtTime = timersByTime.get(timerMs) ?? new Set<string>();
        timersByTime.delete(timerMs);
        for (const stateKey of keysAtTime) {
          store.delete(timerKey(timerMs, stateKey));
          currentStateKey = stateKey;
          currentTimestampMs = timerMs;
          onTimer?.call(node.processor, context, keys.decode(stateKey), timerMs);
        }
      }
    },
    async restore() {
      for await (const [storeKey] of store.scan({ prefix: TIMER_PREFIX })) {
        const rest = storeKey.slice(TIMER_PREFIX.length);
        addTimer(Number(rest.slice(0, TIMER_DIGITS)), rest.slice(TIMER_DIGITS + 1));
      }
    },
  };
}

function timerKey(timestampMs: number, stateKey: string): string {
  return `${TIMER_PREFIX}${String(timestampMs).padStart(TIMER_DIGITS, '0')}\u0000${stateKey}`;
}

function insertionIndex(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
