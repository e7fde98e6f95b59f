import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine, count, sum } from './aggregators';
import { assignWindows } from './assign-windows';
import { mean, stddevSample } from './moments';
import { createMemoryWindowStateStore } from './testing';
import type { HoppingSpec, Window } from './types';
import { createWatermarkTracker } from './watermark-tracker';
import { hopping } from './window-spec';
import type { Fired } from './results';
import { createWindowedAggregation } from './windowed-aggregation';

interface Row {
  readonly key: string;
  readonly window: Window;
  readonly isUpdate: boolean;
  readonly n: number;
  readonly total: number;
  readonly average: number;
  readonly stdev: number;
}

type Step = { kind: 'record'; key: string; stepMs: number; lagMs: number; value: number } | { kind: 'watermark' };

/**
 * The naive Flink window operator: every record is copied into each of its size/advance windows
 * (no slices), a window is late when `endMs - 1 + allowedLatenessMs <= watermark`, it fires when
 * the watermark reaches `endMs - 1` and again at once for each record added after that.
 */
function createReference(spec: HoppingSpec) {
  const windows = new Map<string, { key: string; window: Window; values: number[] }>();
  let watermarkMs = Number.NEGATIVE_INFINITY;
  const row = (key: string, window: Window, values: number[], isUpdate: boolean): Row => {
    const n = values.length;
    const total = values.reduce((a, b) => a + b, 0);
    const average = total / n;
    const squares = values.reduce((a, x) => a + (x - average) ** 2, 0);
    return { key, window, isUpdate, n, total, average, stdev: n < 2 ? 0 : Math.sqrt(squares / (n - 1)) };
  };
  return {
    add(key: string, timestampMs: number, value: number): { status: 'accepted' | 'late'; fired: Row[] } {
      const open = assignWindows(spec, timestampMs).filter((w) => w.endMs - 1 + spec.allowedLatenessMs > watermarkMs);
      if (open.length === 0) return { status: 'late', fired: [] };
      const fired: Row[] = [];
      for (const window of open) {
        const id = `${key}|${window.startMs}`;
        const entry = windows.get(id) ?? { key, window, values: [] };
        windows.set(id, entry);
        const hadValues = entry.values.length > 0;
        entry.values.push(value);
        if (window.endMs - 1 <= watermarkMs) fired.push(row(key, window, entry.values, hadValues));
      }
      return { status: 'accepted', fired };
    },
    advance(nextMs: number): Row[] {
      if (nextMs <= watermarkMs) return [];
      const fired = [...windows.values()]
        .filter(({ window }) => window.endMs - 1 > watermarkMs && window.endMs - 1 <= nextMs)
        .map(({ key, window, values }) => row(key, window, values, false));
      watermarkMs = nextMs;
      for (const [id, { window }] of windows) {
        if (window.endMs - 1 + spec.allowedLatenessMs <= watermarkMs) windows.delete(id);
      }
      return fired;
    },
  };
}

const stats = combine({
  n: count(),
  total: sum((x: number) => x),
  average: mean((x: number) => x),
  stdev: stddevSample((x: number) => x),
});

const toRow = ({
  key,
  window,
  isUpdate,
  result,
}: Fired<{ n: number; total: number; average: number; stdev: number }>): Row => ({
  key,
  window,
  isUpdate,
  ...result,
});

const byIdentity = (a: Row, b: Row): number =>
  a.key.localeCompare(b.key) ||
  a.window.startMs - b.window.startMs ||
  a.n - b.n ||
  Number(a.isUpdate) - Number(b.isUpdate);

const isClose = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const scenario = fc.record({
  sizeMs: fc.integer({ min: 1, max: 40 }),
  advanceSeed: fc.nat(),
  offsetSeed: fc.integer({ min: -1_000, max: 1_000 }),
  allowedLatenessMs: fc.integer({ min: 0, max: 20 }),
  maxOutOfOrdernessMs: fc.integer({ min: 0, max: 30 }),
  startMs: fc.integer({ min: -200, max: 200 }),
  steps: fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant('record' as const),
        key: fc.constantFrom('a', 'b', 'c'),
        stepMs: fc.integer({ min: 0, max: 8 }),
        // Up to 50 ms behind the newest record: some within the bound, some beyond it (late).
        lagMs: fc.integer({ min: 0, max: 50 }),
        value: fc.integer({ min: -4_000, max: 4_000 }).map((x) => x / 8),
      }),
      fc.constant({ kind: 'watermark' as const }),
    ),
    { maxLength: 80 },
  ),
});

describe('createWindowedAggregation() with sliced hopping windows (property)', () => {
  it('fires exactly the multiset of results a naive per-window reference fires, and marks the same records late', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const advanceMs = 1 + (s.advanceSeed % s.sizeMs);
        const spec = hopping({
          sizeMs: s.sizeMs,
          advanceMs,
          offsetMs: s.offsetSeed % advanceMs,
          allowedLatenessMs: s.allowedLatenessMs,
        });
        const engine = createWindowedAggregation({
          spec,
          aggregator: stats,
          store: createMemoryWindowStateStore({ structuredClone: true }),
        });
        const reference = createReference(spec);
        const tracker = createWatermarkTracker({
          strategy: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: s.maxOutOfOrdernessMs },
          now: () => 0,
        });
        const actual: Row[] = [];
        const expected: Row[] = [];
        let clockMs = s.startMs;
        for (const step of s.steps as Step[]) {
          if (step.kind === 'watermark') {
            actual.push(...engine.advanceWatermark(tracker.current()).map(toRow));
            expected.push(...reference.advance(tracker.current()));
            continue;
          }
          clockMs += step.stepMs;
          const timestampMs = clockMs - step.lagMs;
          tracker.observe(timestampMs);
          const got = engine.add(step.key, timestampMs, step.value);
          const want = reference.add(step.key, timestampMs, step.value);
          expect(got.status).toBe(want.status);
          actual.push(...got.fired.map(toRow));
          expected.push(...want.fired);
        }
        actual.push(...engine.advanceWatermark(Number.POSITIVE_INFINITY).map(toRow));
        expected.push(...reference.advance(Number.POSITIVE_INFINITY));

        actual.sort(byIdentity);
        expected.sort(byIdentity);
        expect(actual.map(({ key, window, n, isUpdate }) => ({ key, window, n, isUpdate }))).toEqual(
          expected.map(({ key, window, n, isUpdate }) => ({ key, window, n, isUpdate })),
        );
        actual.forEach((row, at) => {
          const want = expected[at] as Row;
          for (const field of ['total', 'average', 'stdev'] as const) {
            if (!isClose(row[field], want[field])) {
              throw new Error(`${field} of ${JSON.stringify(row)} differs from ${JSON.stringify(want)}`);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
