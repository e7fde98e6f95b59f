import { hopping, session, tumbling } from '@fp/windowing';
import { createMemoryWindowStateStore } from '@fp/windowing/testing';
import { describe, expect, it } from 'vitest';
import { createWindowJoin, type WindowJoinOptions } from './window-join';

function setup(spec: WindowJoinOptions<string, string, string>['spec']) {
  const leftStore = createMemoryWindowStateStore({ structuredClone: true });
  const rightStore = createMemoryWindowStateStore({ structuredClone: true });
  const build = () =>
    createWindowJoin<string, string, string>({ spec, joiner: (l, r) => `${l}+${r}`, leftStore, rightStore });
  return { join: build(), build, leftStore, rightStore };
}

const tumbling10 = tumbling({ sizeMs: 10, allowedLatenessMs: 0 });

describe('createWindowJoin(): tumbling windows', () => {
  it('emits the pair when the watermark reaches endMs - 1, stamped endMs - 1, and not before', () => {
    const { join } = setup(tumbling10);
    join.addLeft('k', 0, 'L');
    expect(join.addRight('k', 9, 'R').joined).toEqual([]); // both in [0, 10): emitted only when it fires
    expect(join.advanceWatermark(8)).toEqual([]);
    expect(join.advanceWatermark(9)).toEqual([
      { key: 'k', window: { startMs: 0, endMs: 10 }, timestampMs: 9, value: 'L+R' },
    ]);
    expect(join.advanceWatermark(100)).toEqual([]); // once
  });

  it('does not pair records on either side of endMs (a record at endMs is in the next window)', () => {
    const { join } = setup(tumbling10);
    join.addLeft('k', 9, 'L9');
    join.addRight('k', 10, 'R10');
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('emits the cross product of a window, and nothing for a window with one side only', () => {
    const { join } = setup(tumbling10);
    join.addLeft('k', 1, 'L1');
    join.addLeft('k', 2, 'L2');
    join.addRight('k', 3, 'R1');
    join.addRight('k', 4, 'R2');
    join.addLeft('k', 15, 'lonely');
    join.addRight('other', 5, 'other-key');
    expect(
      join
        .advanceWatermark(Number.POSITIVE_INFINITY)
        .map((j) => j.value)
        .sort(),
    ).toEqual(['L1+R1', 'L1+R2', 'L2+R1', 'L2+R2']);
  });

  it.each([
    { timestampMs: 9, status: 'late' },
    { timestampMs: 10, status: 'accepted' },
  ])('with the watermark at 9, a record at $timestampMs is $status', ({ timestampMs, status }) => {
    const { join } = setup(tumbling10);
    join.advanceWatermark(9);
    expect(join.addLeft('k', timestampMs, 'L').status).toBe(status);
    expect(join.addRight('k', timestampMs, 'R').status).toBe(status);
  });

  it('removes a window’s records once it fired (allowed lateness 0)', () => {
    const { join, leftStore, rightStore } = setup(tumbling10);
    join.addLeft('k', 0, 'L');
    join.addRight('k', 0, 'R');
    join.advanceWatermark(9);
    expect(leftStore.keys()).toEqual(['\u0000watermark']);
    expect(rightStore.size).toBe(0);
    expect(join.pendingWindowCount()).toBe(0);
  });
});

describe('createWindowJoin(): hopping windows', () => {
  // size 10, advance 5: windows [-5, 5), [0, 10), [5, 15), [10, 20), ...
  it('pairs records in every window they share, each window firing on its own', () => {
    const { join } = setup(hopping({ sizeMs: 10, advanceMs: 5, allowedLatenessMs: 0 }));
    join.addLeft('k', 7, 'L7'); // in [0, 10) and [5, 15)
    join.addRight('k', 3, 'R3'); // in [-5, 5) and [0, 10): shares [0, 10) with L7
    join.addRight('k', 12, 'R12'); // in [5, 15) and [10, 20): shares [5, 15) with L7
    expect(join.advanceWatermark(9)).toEqual([
      { key: 'k', window: { startMs: 0, endMs: 10 }, timestampMs: 9, value: 'L7+R3' },
    ]);
    expect(join.advanceWatermark(14)).toEqual([
      { key: 'k', window: { startMs: 5, endMs: 15 }, timestampMs: 14, value: 'L7+R12' },
    ]);
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('accepts a record while one of its windows is open and pairs it only there', () => {
    const { join } = setup(hopping({ sizeMs: 10, advanceMs: 5, allowedLatenessMs: 0 }));
    join.addRight('k', 12, 'R12'); // [5, 15) and [10, 20)
    join.advanceWatermark(9); // [0, 10) fired and closed
    expect(join.addLeft('k', 7, 'L7').status).toBe('accepted'); // [5, 15) is still open
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY).map((j) => j.window)).toEqual([{ startMs: 5, endMs: 15 }]);
  });
});

describe('createWindowJoin(): allowed lateness', () => {
  const spec = tumbling({ sizeMs: 10, allowedLatenessMs: 5 }); // [0, 10) fires at 9 and closes at 14

  it('emits at once only the new pairs of a record for a fired but open window', () => {
    const { join } = setup(spec);
    join.addLeft('k', 1, 'L1');
    join.addRight('k', 2, 'R1');
    expect(join.advanceWatermark(9).map((j) => j.value)).toEqual(['L1+R1']);
    expect(join.addRight('k', 3, 'R2')).toEqual({
      status: 'accepted',
      joined: [{ key: 'k', window: { startMs: 0, endMs: 10 }, timestampMs: 9, value: 'L1+R2' }],
    });
    expect(join.addLeft('k', 4, 'L2').joined.map((j) => j.value)).toEqual(['L2+R1', 'L2+R2']);
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it.each([
    { watermarkMs: 13, status: 'accepted' },
    { watermarkMs: 14, status: 'late' },
  ])('with the watermark at $watermarkMs, a record for [0, 10) is $status', ({ watermarkMs, status }) => {
    const { join } = setup(spec);
    join.advanceWatermark(watermarkMs);
    expect(join.addLeft('k', 5, 'L').status).toBe(status);
  });
});

describe('createWindowJoin(): restore', () => {
  it('fires pending windows after a restart and does not fire fired ones again', () => {
    const first = setup(tumbling10);
    first.join.addLeft('k', 1, 'L-fired');
    first.join.addRight('k', 2, 'R-fired');
    first.join.addLeft('k', 11, 'L-pending');
    first.join.addRight('k', 12, 'R-pending');
    expect(first.join.advanceWatermark(9).map((j) => j.value)).toEqual(['L-fired+R-fired']);

    const restarted = first.build();
    restarted.restore({ left: first.leftStore.keys(), right: first.rightStore.keys() });
    expect(restarted.watermarkMs()).toBe(9);
    expect(restarted.pendingWindowCount()).toBe(1);
    expect(restarted.advanceWatermark(Number.POSITIVE_INFINITY).map((j) => j.value)).toEqual(['L-pending+R-pending']);
  });

  it('deletes leftovers of closed windows it finds at restore', () => {
    const leftStore = createMemoryWindowStateStore();
    const rightStore = createMemoryWindowStateStore();
    leftStore.put('\u0000watermark', 100);
    leftStore.put('k\u00000', ['stale']);
    const join = createWindowJoin({ spec: tumbling10, joiner: (l, r) => [l, r], leftStore, rightStore });
    join.restore({ left: leftStore.keys(), right: [] });
    expect(leftStore.keys()).toEqual(['\u0000watermark']);
  });

  it('rejects a store key it did not write with JOINS_STATE_CORRUPT', () => {
    const { join } = setup(tumbling10);
    expect(() => join.restore({ left: ['k\u0000sessions'], right: [] })).toThrow(
      expect.objectContaining({ code: 'JOINS_STATE_CORRUPT' }),
    );
  });
});

describe('createWindowJoin(): bad options', () => {
  it('rejects session windows and shared stores with JOINS_INVALID_OPTIONS', () => {
    const store = createMemoryWindowStateStore();
    expect(() =>
      createWindowJoin({
        spec: session({ gapMs: 10, allowedLatenessMs: 0 }) as unknown as WindowJoinOptions<0, 0, 0>['spec'],
        joiner: () => 0,
        leftStore: store,
        rightStore: store,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'JOINS_INVALID_OPTIONS',
        message: expect.stringMatching(/session spec.*different stores/),
      }),
    );
  });
});
