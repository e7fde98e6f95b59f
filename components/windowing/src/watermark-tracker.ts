import { requireTimestampMs, WindowingError } from './errors';

/** How a source derives its watermark from the event times it has seen (Flink `WatermarkStrategy`). */
export type WatermarkStrategy =
  { readonly kind: 'monotonous' } | { readonly kind: 'bounded-out-of-orderness'; readonly maxOutOfOrdernessMs: number };

export interface WatermarkTrackerOptions {
  readonly strategy: WatermarkStrategy;
  /** Processing time without records after which `isIdle()` says so; omit to never go idle. */
  readonly idleTimeoutMs?: number;
  /** Processing-time clock in epoch ms (inject `Date.now` in bases, a fake in tests). */
  readonly now: () => number;
}

/**
 * The watermark of one input (one partition): "no record older than this is expected any more".
 *
 * @remarks Not shared: one tracker per input partition.
 */
export interface WatermarkTracker {
  /** Takes a record's event time into account. */
  observe(timestampMs: number): void;
  /** `maxSeen - maxOutOfOrdernessMs - 1` (monotonous: `maxSeen - 1`); `-Infinity` before any record; never decreases. */
  current(): number;
  /** True once `idleTimeoutMs` of processing time passed without `observe`. */
  isIdle(): boolean;
}

/**
 * Tracks the event-time watermark of one input partition the way Flink's
 * `BoundedOutOfOrdernessWatermarks` / `forMonotonousTimestamps` do.
 *
 * @throws WindowingError `WINDOWING_INVALID_OPTIONS` for a bad strategy, timeout or clock
 * @example
 * const tracker = createWatermarkTracker({
 *   strategy: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 60_000 },
 *   now: Date.now,
 * });
 */
export function createWatermarkTracker(options: WatermarkTrackerOptions): WatermarkTracker {
  const maxOutOfOrdernessMs = outOfOrdernessOf(options.strategy);
  const idleTimeoutMs = optionalIdleTimeoutMs('createWatermarkTracker', options.idleTimeoutMs);
  const now = requireClock('createWatermarkTracker', options.now);
  let maxSeenMs = Number.NEGATIVE_INFINITY;
  let lastRecordAtMs = now();

  return {
    observe(timestampMs) {
      requireTimestampMs('timestampMs', timestampMs);
      if (timestampMs > maxSeenMs) maxSeenMs = timestampMs;
      lastRecordAtMs = now();
    },
    current() {
      return maxSeenMs - maxOutOfOrdernessMs - 1;
    },
    isIdle() {
      return idleTimeoutMs !== undefined && now() - lastRecordAtMs >= idleTimeoutMs;
    },
  };
}

function outOfOrdernessOf(strategy: WatermarkStrategy): number {
  if (strategy?.kind === 'monotonous') return 0;
  if (strategy?.kind === 'bounded-out-of-orderness') {
    const { maxOutOfOrdernessMs } = strategy;
    if (Number.isSafeInteger(maxOutOfOrdernessMs) && maxOutOfOrdernessMs >= 0) return maxOutOfOrdernessMs;
    throw new WindowingError(
      'WINDOWING_INVALID_OPTIONS',
      `strategy.maxOutOfOrdernessMs must be an integer number of milliseconds >= 0, got ${String(maxOutOfOrdernessMs)}`,
    );
  }
  throw new WindowingError(
    'WINDOWING_INVALID_OPTIONS',
    `strategy must be { kind: 'monotonous' } or { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs }, got ${JSON.stringify(strategy)}`,
  );
}

export function optionalIdleTimeoutMs(factory: string, idleTimeoutMs: number | undefined): number | undefined {
  if (idleTimeoutMs === undefined) return undefined;
  if (Number.isSafeInteger(idleTimeoutMs) && idleTimeoutMs > 0) return idleTimeoutMs;
  throw new WindowingError(
    'WINDOWING_INVALID_OPTIONS',
    `${factory}(): idleTimeoutMs must be an integer number of milliseconds > 0, got ${String(idleTimeoutMs)}; omit it to never treat an input as idle`,
  );
}

export function requireClock(factory: string, now: unknown): () => number {
  if (typeof now === 'function') return now as () => number;
  throw new WindowingError(
    'WINDOWING_INVALID_OPTIONS',
    `${factory}(): now must be a function returning epoch milliseconds (pass Date.now in a base, a fake clock in tests)`,
  );
}
