import { createMemoryWindowStateStore } from '@fp/windowing/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIntervalJoin, type IntervalJoin } from './interval-join';

interface Event {
  readonly side: 'left' | 'right';
  readonly key: string;
  readonly timestampMs: number;
  readonly id: string;
}

const OUT_OF_ORDERNESS_MS = 7;

/** Events by arrival: each one arrives at `ts + delay` with `delay <= OUT_OF_ORDERNESS_MS`, so disorder stays within bounds. */
const boundedDisorder = fc
  .array(
    fc.record({
      side: fc.constantFrom('left' as const, 'right' as const),
      key: fc.constantFrom('a', 'b'),
      timestampMs: fc.integer({ min: 0, max: 60 }),
      delayMs: fc.integer({ min: 0, max: OUT_OF_ORDERNESS_MS }),
    }),
    { maxLength: 40 },
  )
  .map((drawn) =>
    drawn
      .map((event, at) => ({ ...event, id: `${event.side[0]}${at}` }))
      .sort((x, y) => x.timestampMs + x.delayMs - (y.timestampMs + y.delayMs)),
  );

const bounds = fc
  .record({ beforeMs: fc.integer({ min: -5, max: 12 }), afterMs: fc.integer({ min: -5, max: 12 }) })
  .filter(({ beforeMs, afterMs }) => beforeMs + afterMs >= 0);

/** Every pair of the brute-force join, as `"leftId+rightId@ts"`, plus `"leftId+null@ts"` for unmatched lefts of a left join. */
function bruteForce(events: readonly Event[], beforeMs: number, afterMs: number, isLeftJoin: boolean): string[] {
  const results: string[] = [];
  for (const l of events.filter((e) => e.side === 'left')) {
    const matches = events.filter(
      (r) =>
        r.side === 'right' &&
        r.key === l.key &&
        r.timestampMs >= l.timestampMs - beforeMs &&
        r.timestampMs <= l.timestampMs + afterMs,
    );
    for (const r of matches) results.push(`${l.id}+${r.id}@${Math.max(l.timestampMs, r.timestampMs)}`);
    if (isLeftJoin && matches.length === 0) results.push(`${l.id}+null@${l.timestampMs}`);
  }
  return results.sort();
}

function run(
  events: readonly Event[],
  options: { beforeMs: number; afterMs: number; isLeftJoin: boolean; restartAt: ReadonlySet<number> },
  watermarkAfter: (seenMaxMs: number) => number,
): { results: string[]; late: Event[] } {
  const leftStore = createMemoryWindowStateStore({ structuredClone: true });
  const rightStore = createMemoryWindowStateStore({ structuredClone: true });
  const build = (): IntervalJoin<Event, Event, string> => {
    const join = createIntervalJoin<Event, Event, string>({
      beforeMs: options.beforeMs,
      afterMs: options.afterMs,
      joinType: options.isLeftJoin ? 'left' : 'inner',
      joiner: (l: Event, r: Event | null) => `${l.id}+${r === null ? 'null' : r.id}`,
      leftStore,
      rightStore,
    });
    join.restore({ left: leftStore.keys(), right: rightStore.keys() });
    return join;
  };
  let join = build();
  const results: string[] = [];
  const late: Event[] = [];
  let seenMaxMs = Number.NEGATIVE_INFINITY;
  events.forEach((event, at) => {
    if (options.restartAt.has(at)) join = build(); // a rebalance: a new engine over the same stores
    const added =
      event.side === 'left'
        ? join.addLeft(event.key, event.timestampMs, event)
        : join.addRight(event.key, event.timestampMs, event);
    if (added.status === 'late') late.push(event);
    for (const j of added.joined) results.push(`${j.value}@${j.timestampMs}`);
    seenMaxMs = Math.max(seenMaxMs, event.timestampMs);
    for (const j of join.advanceWatermark(watermarkAfter(seenMaxMs))) results.push(`${j.value}@${j.timestampMs}`);
  });
  for (const j of join.advanceWatermark(Number.POSITIVE_INFINITY)) results.push(`${j.value}@${j.timestampMs}`);
  return { results: results.sort(), late };
}

describe('createIntervalJoin() against a brute-force join (property)', () => {
  it('equals the brute-force join when disorder stays within the watermark’s out-of-orderness', () => {
    fc.assert(
      fc.property(
        boundedDisorder,
        bounds,
        fc.boolean(),
        fc.uniqueArray(fc.nat(40)),
        (events, { beforeMs, afterMs }, isLeftJoin, restarts) => {
          const { results, late } = run(
            events,
            { beforeMs, afterMs, isLeftJoin, restartAt: new Set(restarts) },
            (seenMaxMs) => seenMaxMs - OUT_OF_ORDERNESS_MS - 1,
          );
          expect(late).toEqual([]);
          expect(results).toEqual(bruteForce(events, beforeMs, afterMs, isLeftJoin));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals the brute-force join of the records it accepted when disorder exceeds the bound', () => {
    fc.assert(
      fc.property(
        boundedDisorder,
        bounds,
        fc.boolean(),
        fc.integer({ min: -3, max: OUT_OF_ORDERNESS_MS }),
        (events, { beforeMs, afterMs }, isLeftJoin, tooSmallOutOfOrdernessMs) => {
          const { results, late } = run(
            events,
            { beforeMs, afterMs, isLeftJoin, restartAt: new Set() },
            (seenMaxMs) => seenMaxMs - tooSmallOutOfOrdernessMs - 1,
          );
          const accepted = events.filter((event) => !late.includes(event));
          expect(results).toEqual(bruteForce(accepted, beforeMs, afterMs, isLeftJoin));
        },
      ),
      { numRuns: 300 },
    );
  });
});
