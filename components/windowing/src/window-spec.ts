import { WindowingError } from './errors';
import type { HoppingSpec, SessionSpec, TumblingSpec } from './types';

/**
 * Fixed-size, non-overlapping windows: each record falls in exactly one window,
 * `[start, start + sizeMs)` with `start = ts - ((ts - offsetMs) mod sizeMs)`.
 *
 * @param allowedLatenessMs required, no default: pass `0` to close a window as soon as it fires
 * @throws WindowingError `WINDOWING_INVALID_SPEC` naming the option, the value and the fix
 * @example
 * transactions.groupByKey().windowedBy(tumbling({ sizeMs: 60_000, allowedLatenessMs: 0 }))
 */
export function tumbling(options: { sizeMs: number; offsetMs?: number; allowedLatenessMs: number }): TumblingSpec {
  const { sizeMs, offsetMs = 0, allowedLatenessMs } = requireObject('tumbling', options);
  requireDurationMs('tumbling', 'sizeMs', sizeMs, { min: 1 });
  requireOffsetMs('tumbling', offsetMs, 'sizeMs', sizeMs);
  requireDurationMs('tumbling', 'allowedLatenessMs', allowedLatenessMs, { min: 0 });
  return Object.freeze({ kind: 'tumbling', sizeMs, offsetMs, allowedLatenessMs });
}

/**
 * Overlapping windows of `sizeMs`, one starting every `advanceMs` (Flink's "sliding" windows), so a
 * record falls in `ceil(sizeMs / advanceMs)` or `floor(sizeMs / advanceMs)` windows.
 *
 * @throws WindowingError `WINDOWING_INVALID_SPEC` naming the option, the value and the fix
 * @example
 * cards.groupByKey().windowedBy(hopping({ sizeMs: 600_000, advanceMs: 60_000, allowedLatenessMs: 0 }))
 */
export function hopping(options: {
  sizeMs: number;
  advanceMs: number;
  offsetMs?: number;
  allowedLatenessMs: number;
}): HoppingSpec {
  const { sizeMs, advanceMs, offsetMs = 0, allowedLatenessMs } = requireObject('hopping', options);
  requireDurationMs('hopping', 'sizeMs', sizeMs, { min: 1 });
  requireDurationMs('hopping', 'advanceMs', advanceMs, { min: 1, max: sizeMs, maxName: 'sizeMs' });
  requireOffsetMs('hopping', offsetMs, 'advanceMs', advanceMs);
  requireDurationMs('hopping', 'allowedLatenessMs', allowedLatenessMs, { min: 0 });
  return Object.freeze({ kind: 'hopping', sizeMs, advanceMs, offsetMs, allowedLatenessMs });
}

/**
 * Per-key sessions: a record opens `[ts, ts + gapMs)` and sessions that overlap or touch merge
 * (Flink `EventTimeSessionWindows.withGap`).
 *
 * @throws WindowingError `WINDOWING_INVALID_SPEC` naming the option, the value and the fix
 * @example
 * clicks.groupByKey().windowedBy(session({ gapMs: 30 * 60_000, allowedLatenessMs: 60_000 }))
 */
export function session(options: { gapMs: number; allowedLatenessMs: number }): SessionSpec {
  const { gapMs, allowedLatenessMs } = requireObject('session', options);
  requireDurationMs('session', 'gapMs', gapMs, { min: 1 });
  requireDurationMs('session', 'allowedLatenessMs', allowedLatenessMs, { min: 0 });
  return Object.freeze({ kind: 'session', gapMs, allowedLatenessMs });
}

function requireObject<T>(factory: string, options: T): T {
  if (typeof options !== 'object' || options === null) {
    throw new WindowingError('WINDOWING_INVALID_SPEC', `${factory}() needs an options object, got ${String(options)}`);
  }
  return options;
}

function requireDurationMs(
  factory: string,
  name: string,
  value: unknown,
  range: { min: number; max?: number; maxName?: string },
): void {
  const isInteger = typeof value === 'number' && Number.isSafeInteger(value);
  const tooBig = isInteger && range.max !== undefined && value > range.max;
  if (isInteger && value >= range.min && !tooBig) return;
  const bounds =
    range.max === undefined
      ? `>= ${range.min}`
      : `in [${range.min}, ${range.maxName === undefined ? range.max : `${range.maxName} = ${range.max}`}]`;
  const hint = name === 'allowedLatenessMs' ? ' (there is no default: pass 0 for no lateness)' : '';
  throw new WindowingError(
    'WINDOWING_INVALID_SPEC',
    `${factory}(): ${name} must be an integer number of milliseconds ${bounds}, got ${String(value)}${hint}`,
  );
}

function requireOffsetMs(factory: string, offsetMs: unknown, boundName: string, bound: number): void {
  if (typeof offsetMs === 'number' && Number.isSafeInteger(offsetMs) && Math.abs(offsetMs) < bound) return;
  throw new WindowingError(
    'WINDOWING_INVALID_SPEC',
    `${factory}(): offsetMs must be an integer with |offsetMs| < ${boundName} (${bound}), got ${String(offsetMs)}; ` +
      `use offsetMs mod ${boundName} instead, it gives the same windows`,
  );
}
