import { createMemoryWindowStateStore } from '@fp/windowing/testing';
import { describe, expect, it } from 'vitest';
import { JoinsError } from './errors';
import { createIntervalJoin, type IntervalJoinOptions } from './interval-join';

type Pair = string;
const pair = (left: string, right: string | null): Pair => `${left}+${right ?? 'null'}`;

function setup(
  overrides: Partial<Pick<IntervalJoinOptions<string, string, Pair>, 'beforeMs' | 'afterMs'>> & {
    joinType?: 'inner' | 'left';
  } = {},
) {
  const leftStore = createMemoryWindowStateStore({ structuredClone: true });
  const rightStore = createMemoryWindowStateStore({ structuredClone: true });
  const build = () =>
    createIntervalJoin<string, string, Pair>({
      beforeMs: overrides.beforeMs ?? 10,
      afterMs: overrides.afterMs ?? 20,
      joinType: overrides.joinType ?? 'inner',
      joiner: pair,
      leftStore,
      rightStore,
    });
  return { join: build(), build, leftStore, rightStore };
}

describe('createIntervalJoin(): which pairs match', () => {
  // left at 100, beforeMs 10, afterMs 20: a right matches when 90 <= right.ts <= 120
  it.each([
    { rightMs: 89, isMatch: false },
    { rightMs: 90, isMatch: true },
    { rightMs: 100, isMatch: true },
    { rightMs: 120, isMatch: true },
    { rightMs: 121, isMatch: false },
  ])('joins a right record at $rightMs with a left at 100: $isMatch (left first)', ({ rightMs, isMatch }) => {
    const { join } = setup();
    join.addLeft('k', 100, 'L');
    const { joined } = join.addRight('k', rightMs, 'R');
    expect(joined).toEqual(isMatch ? [{ key: 'k', timestampMs: Math.max(100, rightMs), value: 'L+R' }] : []);
  });

  it.each([
    { rightMs: 89, isMatch: false },
    { rightMs: 90, isMatch: true },
    { rightMs: 120, isMatch: true },
    { rightMs: 121, isMatch: false },
  ])('joins a right record at $rightMs with a left at 100: $isMatch (right first)', ({ rightMs, isMatch }) => {
    const { join } = setup();
    join.addRight('k', rightMs, 'R');
    const { joined } = join.addLeft('k', 100, 'L');
    expect(joined).toEqual(isMatch ? [{ key: 'k', timestampMs: Math.max(100, rightMs), value: 'L+R' }] : []);
  });

  it('stamps each pair with the later of its two timestamps, as Flink does', () => {
    const { join } = setup();
    join.addRight('k', 95, 'early');
    join.addRight('k', 115, 'late');
    expect(join.addLeft('k', 100, 'L').joined).toEqual([
      { key: 'k', timestampMs: 100, value: 'L+early' },
      { key: 'k', timestampMs: 115, value: 'L+late' },
    ]);
  });

  it('joins every record of a timestamp bucket (cross product) and never across keys', () => {
    const { join } = setup();
    join.addLeft('k', 100, 'L1');
    join.addLeft('k', 100, 'L2');
    join.addLeft('other', 100, 'X');
    expect(join.addRight('k', 100, 'R').joined.map((j) => j.value)).toEqual(['L1+R', 'L2+R']);
  });

  it('supports a window entirely after the left record (Flink between(5, 10) is beforeMs -5, afterMs 10)', () => {
    const { join } = setup({ beforeMs: -5, afterMs: 10 });
    join.addLeft('k', 100, 'L');
    expect(join.addRight('k', 104, 'R104').joined).toEqual([]);
    expect(join.addRight('k', 105, 'R105').joined.map((j) => j.value)).toEqual(['L+R105']);
    expect(join.addRight('k', 110, 'R110').joined.map((j) => j.value)).toEqual(['L+R110']);
  });
});

describe('createIntervalJoin(): late records and expiry', () => {
  it('reports a record at or behind the watermark as late and joins nothing with it', () => {
    const { join } = setup();
    join.addRight('k', 100, 'R');
    join.advanceWatermark(99);
    expect(join.addLeft('k', 99, 'L').status).toBe('late');
    expect(join.addRight('k', 99, 'R2')).toEqual({ status: 'late', joined: [] });
    expect(join.addLeft('k', 100, 'L')).toEqual({
      status: 'accepted',
      joined: [{ key: 'k', timestampMs: 100, value: 'L+R' }],
    });
  });

  it('keeps a left record until the watermark reaches left.ts + afterMs, then drops it', () => {
    const { join, leftStore } = setup();
    join.addLeft('k', 100, 'L');
    join.advanceWatermark(119); // a right at 120 is not late and still matches
    expect(join.addRight('k', 120, 'R').joined.map((j) => j.value)).toEqual(['L+R']);
    join.advanceWatermark(120); // now every future right is > 120: the left can never match again
    expect(join.bufferedBucketCount().left).toBe(0);
    expect(leftStore.keys()).toEqual(['\u0000watermark']);
  });

  it('keeps a right record until the watermark reaches right.ts + beforeMs, then drops it', () => {
    const { join, rightStore } = setup();
    join.addRight('k', 100, 'R');
    join.advanceWatermark(109); // a left at 110 is not late and matches (110 - 10 <= 100)
    expect(join.addLeft('k', 110, 'L').joined.map((j) => j.value)).toEqual(['L+R']);
    join.advanceWatermark(110);
    expect(join.bufferedBucketCount().right).toBe(0);
    expect(rightStore.size).toBe(0);
  });

  it('does not buffer a record that no future record could match', () => {
    const { join } = setup({ beforeMs: -5, afterMs: 10 });
    join.advanceWatermark(100);
    // a right at 101 matches lefts in [91, 96]; every future left is > 100
    expect(join.addRight('k', 101, 'R').status).toBe('accepted');
    expect(join.bufferedBucketCount().right).toBe(0);
  });

  it('ignores a watermark that does not advance', () => {
    const { join } = setup();
    join.advanceWatermark(50);
    join.advanceWatermark(10);
    expect(join.watermarkMs()).toBe(50);
  });
});

describe('createIntervalJoin(): left join', () => {
  it('emits an unmatched left once, when the watermark reaches left.ts + afterMs, with a null right', () => {
    const { join } = setup({ joinType: 'left' });
    expect(join.addLeft('k', 100, 'L').joined).toEqual([]);
    expect(join.advanceWatermark(119)).toEqual([]);
    expect(join.advanceWatermark(120)).toEqual([{ key: 'k', timestampMs: 100, value: 'L+null' }]);
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('never emits a null row for a left that matched, whichever side came first', () => {
    const { join } = setup({ joinType: 'left' });
    join.addLeft('k', 100, 'L-then-R');
    join.addRight('k', 105, 'R');
    join.addLeft('k', 101, 'R-then-L');
    join.addLeft('k', 200, 'alone');
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY).map((j) => j.value)).toEqual(['alone+null']);
  });

  it('emits the unmatched lefts of one bucket and not the matched ones', () => {
    const { join } = setup({ joinType: 'left', beforeMs: 0, afterMs: 0 });
    join.addLeft('k', 100, 'L1');
    join.addRight('k', 100, 'R');
    join.addLeft('k', 100, 'L2'); // matches R too
    join.addLeft('k', 100, 'L3'); // and so does this one: R is still buffered
    expect(join.advanceWatermark(100)).toEqual([]);
  });

  it('emits unmatched lefts by ascending left time', () => {
    const { join } = setup({ joinType: 'left' });
    join.addLeft('b', 300, 'L300');
    join.addLeft('a', 100, 'L100');
    join.addLeft('c', 200, 'L200');
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY).map((j) => j.value)).toEqual([
      'L100+null',
      'L200+null',
      'L300+null',
    ]);
  });

  it('emits an unmatched left at once when afterMs < 0 puts its whole interval behind the watermark', () => {
    const { join } = setup({ joinType: 'left', beforeMs: 10, afterMs: -5 });
    join.advanceWatermark(100);
    expect(join.addLeft('k', 103, 'L').joined).toEqual([{ key: 'k', timestampMs: 103, value: 'L+null' }]);
    expect(join.bufferedBucketCount().left).toBe(0);
  });
});

describe('createIntervalJoin(): restore', () => {
  it('continues from the stores after a restart: buffers, watermark and unmatched lefts', () => {
    const first = setup({ joinType: 'left' });
    first.join.addLeft('k', 100, 'L-matched');
    first.join.addLeft('k', 130, 'L-unmatched');
    first.join.addRight('k', 100, 'R');
    first.join.advanceWatermark(105);

    const restarted = first.build();
    restarted.restore({ left: first.leftStore.keys(), right: first.rightStore.keys() });
    expect(restarted.watermarkMs()).toBe(105);
    expect(restarted.addLeft('k', 105, 'L-late').status).toBe('late');
    // R (100) is kept until the watermark reaches 100 + 10, so a left at 106 still finds it
    expect(restarted.addLeft('k', 106, 'L-new').joined).toEqual([{ key: 'k', timestampMs: 106, value: 'L-new+R' }]);
    expect(restarted.advanceWatermark(Number.POSITIVE_INFINITY).map((j) => j.value)).toEqual(['L-unmatched+null']);
  });

  it('rejects store keys it did not write with JOINS_STATE_CORRUPT', () => {
    const { join } = setup();
    expect(() => join.restore({ left: ['not-a-bucket'], right: [] })).toThrow(
      expect.objectContaining({ code: 'JOINS_STATE_CORRUPT' }),
    );
    expect(() => join.restore({ left: [], right: ['\u0000watermark'] })).toThrow(
      expect.objectContaining({ code: 'JOINS_STATE_CORRUPT' }),
    );
  });
});

describe('createIntervalJoin(): bad input', () => {
  it('lists every bad option at once with JOINS_INVALID_OPTIONS', () => {
    const store = createMemoryWindowStateStore();
    const build = () =>
      createIntervalJoin({
        beforeMs: 1.5,
        afterMs: -10,
        joinType: 'outer' as 'inner',
        joiner: undefined as unknown as () => void,
        leftStore: store,
        rightStore: store,
      });
    expect(build).toThrow(JoinsError);
    expect(build).toThrow(/beforeMs must be an integer.*joinType must be 'inner' or 'left'.*joiner.*different stores/);
  });

  it('rejects an empty interval (beforeMs + afterMs < 0)', () => {
    expect(() => setup({ beforeMs: -6, afterMs: 5 })).toThrow(/beforeMs \+ afterMs >= 0/);
  });

  it('rejects a record timestamp that is not finite with JOINS_INVALID_TIMESTAMP (domain data)', () => {
    const { join } = setup();
    expect(() => join.addLeft('k', Number.NaN, 'L')).toThrow(
      expect.objectContaining({ code: 'JOINS_INVALID_TIMESTAMP', domain: 'data' }),
    );
    expect(() => join.addRight('k', Number.POSITIVE_INFINITY, 'R')).toThrow(
      expect.objectContaining({ code: 'JOINS_INVALID_TIMESTAMP' }),
    );
    expect(() => join.advanceWatermark(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'JOINS_INVALID_TIMESTAMP' }),
    );
  });
});
