import { hopping, tumbling, type Window } from '@fp/windowing';
import { assignWindows } from '@fp/windowing/internal';
import { createMemoryWindowStateStore } from '@fp/windowing/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWindowJoin } from './window-join';

interface Event {
  readonly side: 'left' | 'right';
  readonly key: string;
  readonly timestampMs: number;
  readonly id: string;
}

const specs = fc.oneof(
  fc
    .record({ sizeMs: fc.integer({ min: 1, max: 12 }), allowedLatenessMs: fc.integer({ min: 0, max: 6 }) })
    .map((options) => tumbling(options)),
  fc
    .record({
      advanceMs: fc.integer({ min: 1, max: 6 }),
      factor: fc.integer({ min: 1, max: 3 }),
      extraMs: fc.integer({ min: 0, max: 2 }),
      allowedLatenessMs: fc.integer({ min: 0, max: 6 }),
    })
    .map(({ advanceMs, factor, extraMs, allowedLatenessMs }) =>
      hopping({ sizeMs: advanceMs * factor + Math.min(extraMs, advanceMs - 1), advanceMs, allowedLatenessMs }),
    ),
);

const events = fc
  .array(
    fc.record({
      side: fc.constantFrom('left' as const, 'right' as const),
      key: fc.constantFrom('a', 'b'),
      timestampMs: fc.integer({ min: -10, max: 50 }),
      delayMs: fc.integer({ min: 0, max: 15 }),
    }),
    { maxLength: 30 },
  )
  .map((drawn) =>
    drawn
      .map((event, at) => ({ ...event, id: `${event.side[0]}${at}` }))
      .sort((x, y) => x.timestampMs + x.delayMs - (y.timestampMs + y.delayMs)),
  );

const windowId = (window: Window): string => `${window.startMs}/${window.endMs}`;

describe('createWindowJoin() against a brute-force join (property)', () => {
  it('emits each pair once per window both records were accepted into, whatever the disorder', () => {
    fc.assert(
      fc.property(specs, events, fc.integer({ min: 0, max: 15 }), (spec, arrivals, outOfOrdernessMs) => {
        const leftStore = createMemoryWindowStateStore({ structuredClone: true });
        const rightStore = createMemoryWindowStateStore({ structuredClone: true });
        const join = createWindowJoin<Event, Event, string>({
          spec,
          joiner: (l, r) => `${l.id}+${r.id}`,
          leftStore,
          rightStore,
        });
        const results: string[] = [];
        // The model: the windows of each record still open (not closed) when it arrived.
        const openWindows = new Map<Event, Set<string>>();
        let seenMaxMs = Number.NEGATIVE_INFINITY;
        for (const event of arrivals) {
          const watermarkMs = join.watermarkMs();
          const open = assignWindows(spec, event.timestampMs).filter(
            (w) => w.endMs - 1 + spec.allowedLatenessMs > watermarkMs,
          );
          const added =
            event.side === 'left'
              ? join.addLeft(event.key, event.timestampMs, event)
              : join.addRight(event.key, event.timestampMs, event);
          expect(added.status).toBe(open.length === 0 ? 'late' : 'accepted');
          openWindows.set(event, new Set(open.map(windowId)));
          for (const j of added.joined) results.push(`${j.value}@${windowId(j.window)}@${j.timestampMs}`);
          seenMaxMs = Math.max(seenMaxMs, event.timestampMs);
          for (const j of join.advanceWatermark(seenMaxMs - outOfOrdernessMs - 1)) {
            results.push(`${j.value}@${windowId(j.window)}@${j.timestampMs}`);
          }
        }
        for (const j of join.advanceWatermark(Number.POSITIVE_INFINITY)) {
          results.push(`${j.value}@${windowId(j.window)}@${j.timestampMs}`);
        }

        const expected: string[] = [];
        for (const l of arrivals.filter((e) => e.side === 'left')) {
          for (const r of arrivals.filter((e) => e.side === 'right' && e.key === l.key)) {
            for (const window of assignWindows(spec, l.timestampMs)) {
              const id = windowId(window);
              const isShared = window.startMs <= r.timestampMs && r.timestampMs < window.endMs;
              if (isShared && openWindows.get(l)?.has(id) && openWindows.get(r)?.has(id)) {
                expected.push(`${l.id}+${r.id}@${id}@${window.endMs - 1}`);
              }
            }
          }
        }
        expect(results.sort()).toEqual(expected.sort());
        expect(leftStore.keys().filter((k) => k !== '\u0000watermark')).toEqual([]);
        expect(rightStore.size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
