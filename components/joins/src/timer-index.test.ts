import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTimerIndex } from './timer-index';

describe('createTimerIndex()', () => {
  it('pops due timers by ascending time, each member once', () => {
    const timers = createTimerIndex();
    timers.add(30, 'a');
    timers.add(10, 'b');
    timers.add(10, 'b');
    timers.add(20, 'c');
    timers.remove(20, 'c');
    expect(timers.size()).toBe(2);
    expect(timers.popDue(25)).toEqual([{ dueMs: 10, members: ['b'] }]);
    expect(timers.popDue(Number.POSITIVE_INFINITY)).toEqual([{ dueMs: 30, members: ['a'] }]);
    expect(timers.size()).toBe(0);
  });

  it('returns what a sorted list would, for any adds and removes (property)', () => {
    const operation = fc.record({
      isAdd: fc.boolean(),
      dueMs: fc.integer({ min: -20, max: 20 }),
      member: fc.constantFrom('a', 'b'),
    });
    fc.assert(
      fc.property(fc.array(operation), fc.integer({ min: -25, max: 25 }), (operations, upToMs) => {
        const timers = createTimerIndex();
        const model = new Set<string>();
        for (const { isAdd, dueMs, member } of operations) {
          if (isAdd) timers.add(dueMs, member);
          else timers.remove(dueMs, member);
          if (isAdd) model.add(`${dueMs}|${member}`);
          else model.delete(`${dueMs}|${member}`);
        }
        const popped = timers.popDue(upToMs).flatMap(({ dueMs, members }) => members.map((m) => [dueMs, m] as const));
        const expected = [...model]
          .map((entry) => entry.split('|'))
          .map(([dueMs, member]) => [Number(dueMs), member as string] as const)
          .filter(([dueMs]) => dueMs <= upToMs);
        expect(popped.map(([dueMs]) => dueMs)).toEqual([...popped.map(([dueMs]) => dueMs)].sort((x, y) => x - y));
        expect(popped.map((p) => p.join('|')).sort()).toEqual(expected.map((e) => e.join('|')).sort());
        expect(timers.size()).toBe(model.size - expected.length);
      }),
    );
  });
});
