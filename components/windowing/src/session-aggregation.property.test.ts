import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine, count, sum } from './aggregators';
import { createMemoryWindowStateStore } from './testing';
import { hopping, session } from './window-spec';
import type { Fired } from './results';
import { createWindowedAggregation, type WindowedAggregation } from './windowed-aggregation';

const stats = combine({ n: count(), total: sum((x: number) => x) });
type Stats = { n: number; total: number };

const records = fc.array(
  fc.record({
    key: fc.constantFrom('a', 'b'),
    timestampMs: fc.integer({ min: -100, max: 100 }),
    value: fc.integer({ min: -9, max: 9 }),
  }),
  { maxLength: 40 },
);

/** Batch sessionisation: sort a key's records and cut where the next one starts after the session's end. */
function batchSessions(input: ReadonlyArray<{ key: string; timestampMs: number; value: number }>, gapMs: number) {
  const out: Array<{ key: string; startMs: number; endMs: number; n: number; total: number }> = [];
  for (const key of new Set(input.map((r) => r.key))) {
    const sorted = input.filter((r) => r.key === key).sort((x, y) => x.timestampMs - y.timestampMs);
    for (const record of sorted) {
      const current = out.at(-1);
      // [ts, ts + gap) merges with [start, end) when ts <= end (Flink: touching windows merge).
      if (current?.key === key && record.timestampMs <= current.endMs) {
        current.endMs = Math.max(current.endMs, record.timestampMs + gapMs);
        current.n += 1;
        current.total += record.value;
      } else {
        out.push({ key, startMs: record.timestampMs, endMs: record.timestampMs + gapMs, n: 1, total: record.value });
      }
    }
  }
  return out;
}

const flat = (fired: Fired<Stats>[]) =>
  fired
    .map(({ key, window, result, isUpdate }) => ({ key, ...window, ...result, isUpdate }))
    .sort((x, y) => x.key.localeCompare(y.key) || x.startMs - y.startMs || x.n - y.n);

describe('createWindowedAggregation() with session windows (property)', () => {
  it('fires, at end of input, the sessions a batch sessionisation finds, whatever the arrival order', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 30 }), (input, gapMs) => {
        const engine = createWindowedAggregation({
          spec: session({ gapMs, allowedLatenessMs: 0 }),
          aggregator: stats,
          store: createMemoryWindowStateStore({ structuredClone: true }),
        });
        for (const { key, timestampMs, value } of input)
          expect(engine.add(key, timestampMs, value).status).toBe('accepted');
        const fired = flat(engine.advanceWatermark(Number.POSITIVE_INFINITY));
        const expected = batchSessions(input, gapMs).map((s) => ({ ...s, isUpdate: false }));
        expect(fired).toEqual(expected.sort((x, y) => x.key.localeCompare(y.key) || x.startMs - y.startMs));
      }),
    );
  });
});

describe('createWindowedAggregation() restore (property)', () => {
  const steps = fc.array(
    fc.oneof(
      fc.record({
        key: fc.constantFrom('a', 'b'),
        timestampMs: fc.integer({ min: -100, max: 100 }),
        value: fc.integer({ min: -9, max: 9 }),
      }),
      fc.integer({ min: -120, max: 120 }), // a watermark
    ),
    { maxLength: 60 },
  );
  const specs = fc.oneof(
    fc
      .record({
        sizeMs: fc.integer({ min: 1, max: 30 }),
        advanceSeed: fc.nat(),
        allowedLatenessMs: fc.integer({ min: 0, max: 15 }),
      })
      .map(({ sizeMs, advanceSeed, allowedLatenessMs }) =>
        hopping({ sizeMs, advanceMs: 1 + (advanceSeed % sizeMs), allowedLatenessMs }),
      ),
    fc
      .record({ gapMs: fc.integer({ min: 1, max: 30 }), allowedLatenessMs: fc.integer({ min: 0, max: 15 }) })
      .map((s) => session(s)),
  );

  it('gives the same results when the task restarts from its store at any point', () => {
    fc.assert(
      fc.property(specs, steps, fc.nat(), (spec, script, restartSeed) => {
        const restartAt = script.length === 0 ? 0 : restartSeed % script.length;
        const run = (restart: boolean) => {
          const store = createMemoryWindowStateStore({ structuredClone: true });
          const create = () => createWindowedAggregation({ spec, aggregator: stats, store });
          let engine: WindowedAggregation<number, Stats> = create();
          const out: Array<Fired<Stats> | string> = [];
          script.forEach((step, at) => {
            if (restart && at === restartAt) {
              engine = create();
              engine.restore(store.keys());
            }
            if (typeof step === 'number') out.push(...engine.advanceWatermark(step));
            else {
              const { status, fired } = engine.add(step.key, step.timestampMs, step.value);
              out.push(status, ...fired);
            }
          });
          out.push(...engine.advanceWatermark(Number.POSITIVE_INFINITY));
          return { out, keys: store.keys() };
        };
        const uninterrupted = run(false);
        const restarted = run(true);
        // Timers restored from a scan may come back in another order among equal end times.
        const canonical = (out: Array<Fired<Stats> | string>) => out.map((entry) => JSON.stringify(entry)).sort();
        expect(canonical(restarted.out)).toEqual(canonical(uninterrupted.out));
        expect(restarted.keys.length).toBe(1); // only the watermark is left after +Infinity
      }),
    );
  });
});
