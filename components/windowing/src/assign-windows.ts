import { requireTimestampMs } from './errors';
import type { Window, WindowSpec } from './types';

/**
 * Start of the `sizeMs` window holding `timestampMs`: `ts - ((ts - offsetMs + sizeMs) mod sizeMs)`
 * with a non-negative mod, so negative timestamps (before 1970) land in the right window too.
 */
export function windowStartMs(timestampMs: number, sizeMs: number, offsetMs: number): number {
  return timestampMs - nonNegativeMod(timestampMs - offsetMs + sizeMs, sizeMs);
}

/**
 * The windows a record at `timestampMs` belongs to, by ascending start. Tumbling: one; hopping:
 * every `[start, start + sizeMs)` with `start = offsetMs + k * advanceMs` containing the timestamp
 * (Flink's `SlidingEventTimeWindows`, also when `sizeMs` is not a multiple of `advanceMs`); session:
 * the record's own `[ts, ts + gapMs)`, before merging with the key's other sessions.
 *
 * @throws WindowingError `WINDOWING_INVALID_TIMESTAMP` if the timestamp is not a finite number
 */
export function assignWindows(spec: WindowSpec, timestampMs: number): Window[] {
  requireTimestampMs('timestampMs', timestampMs);
  switch (spec.kind) {
    case 'tumbling': {
      const startMs = windowStartMs(timestampMs, spec.sizeMs, spec.offsetMs);
      return [{ startMs, endMs: startMs + spec.sizeMs }];
    }
    case 'hopping':
      return hoppingWindows(spec.sizeMs, spec.advanceMs, spec.offsetMs, timestampMs);
    case 'session':
      return [{ startMs: timestampMs, endMs: timestampMs + spec.gapMs }];
  }
}

/** Flink's loop: from the last window start at or before `ts`, step back while the window still holds `ts`. */
export function hoppingWindows(sizeMs: number, advanceMs: number, offsetMs: number, timestampMs: number): Window[] {
  const windows: Window[] = [];
  const lastStartMs = windowStartMs(timestampMs, advanceMs, offsetMs);
  for (let startMs = lastStartMs; startMs > timestampMs - sizeMs; startMs -= advanceMs) {
    windows.push({ startMs, endMs: startMs + sizeMs });
  }
  return windows.reverse();
}

function nonNegativeMod(value: number, modulus: number): number {
  const remainder = value % modulus;
  return remainder < 0 ? remainder + modulus : remainder;
}
