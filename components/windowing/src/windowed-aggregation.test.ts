import { describe, expect, it, vi } from 'vitest';
import { combine, count, sum } from './aggregators';
import { WindowingError } from './errors';
import { createMemoryWindowStateStore } from './testing';
import type { Aggregator, WindowSpec } from './types';
import { WATERMARK_STATE_KEY } from './window-state-store';
import { hopping, session, tumbling } from './window-spec';
import { createWindowedAggregation } from './windowed-aggregation';

interface Click {
  readonly amount: number;
}

const clickStats = combine({ n: count(), total: sum((click: Click) => click.amount) });

/** An aggregation over a store that copies values like a serialising store, counting writes. */
function setup(spec: WindowSpec, aggregator: Aggregator<Click, unknown, unknown> = clickStats) {
  const store = createMemoryWindowStateStore({ structuredClone: true });
  const put = vi.spyOn(store, 'put');
  const insert = vi.spyOn(store, 'insert');
  const onLate = vi.fn();
  const aggregation = createWindowedAggregation({ spec, aggregator, store, onLate });
  const recordWrites = () =>
    [...put.mock.calls, ...insert.mock.calls].filter(([storeKey]) => storeKey !== WATERMARK_STATE_KEY).length;
  return { aggregation, store, onLate, recordWrites };
}

const click = (amount = 1): Click => ({ amount });

describe('createWindowedAggregation() with tumbling windows', () => {
  it('fires a window once, when the watermark reaches endMs - 1', () => {
    const { aggregation } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }));
    aggregation.add('a', 0, click(1)); // [0, 10): first instant
    aggregation.add('a', 9, click(2)); // [0, 10): endMs - 1 = 9, still inside
    aggregation.add('a', 10, click(4)); // endMs belongs to [10, 20)

    expect(aggregation.advanceWatermark(8)).toEqual([]); // 8 < endMs - 1 = 9
    expect(aggregation.advanceWatermark(9)).toEqual([
      { key: 'a', window: { startMs: 0, endMs: 10 }, result: { n: 2, total: 3 }, isUpdate: false },
    ]);
    expect(aggregation.advanceWatermark(18)).toEqual([]); // fired once; [10, 20) needs 19
    expect(aggregation.advanceWatermark(19)).toEqual([
      { key: 'a', window: { startMs: 10, endMs: 20 }, result: { n: 1, total: 4 }, isUpdate: false },
    ]);
    expect(aggregation.advanceWatermark(1_000)).toEqual([]);
  });

  it('fires windows in order of their end and emits nothing for empty windows', () => {
    const { aggregation } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }));
    aggregation.add('b', 25, click());
    aggregation.add('a', 5, click());
    const fired = aggregation.advanceWatermark(Number.POSITIVE_INFINITY);
    // [10, 20) had no record, so nothing fires for it.
    expect(fired.map(({ key, window }) => [key, window.startMs])).toEqual([
      ['a', 0],
      ['b', 20],
    ]);
  });

  it('ignores a watermark that goes back', () => {
    const { aggregation } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }));
    aggregation.advanceWatermark(50);
    aggregation.advanceWatermark(20);
    expect(aggregation.watermarkMs()).toBe(50);
    expect(aggregation.add('a', 45, click()).status).toBe('late'); // [40, 50): 49 <= 50
  });

  it('handles negative timestamps', () => {
    const { aggregation } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }));
    aggregation.add('a', -1, click()); // [-10, 0)
    aggregation.add('a', -10, click()); // [-10, 0)
    aggregation.add('a', -11, click()); // [-20, -10)
    expect(aggregation.advanceWatermark(-1).map((fired) => [fired.window, fired.result])).toEqual([
      [
        { startMs: -20, endMs: -10 },
        { n: 1, total: 1 },
      ],
      [
        { startMs: -10, endMs: 0 },
        { n: 2, total: 2 },
      ],
    ]);
  });

  describe('lateness at the boundaries of [0, 10) with allowedLatenessMs = 5', () => {
    it.each([
      // watermark | what a record at ts 0 does
      { watermarkMs: 8, status: 'accepted', firesNow: false }, // 8 < endMs - 1 = 9: window still open
      { watermarkMs: 9, status: 'accepted', firesNow: true }, // 9 = endMs - 1: fired, 9 < 9 + 5
      { watermarkMs: 13, status: 'accepted', firesNow: true }, // 13 < endMs - 1 + lateness = 14
      { watermarkMs: 14, status: 'late', firesNow: false }, // 14 = 9 + 5: closed, state gone
    ])('at watermark $watermarkMs a record is $status', ({ watermarkMs, status, firesNow }) => {
      const { aggregation, onLate } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 5 }));
      aggregation.advanceWatermark(watermarkMs);
      const result = aggregation.add('a', 0, click(7));
      expect(result.status).toBe(status);
      expect(result.fired.length > 0).toBe(firesNow);
      expect(onLate).toHaveBeenCalledTimes(status === 'late' ? 1 : 0);
    });
  });

  it('reports a late record to onLate and leaves the state alone', () => {
    const { aggregation, onLate, store } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }));
    aggregation.add('a', 3, click());
    aggregation.advanceWatermark(9); // fires [0, 10) and drops it (lateness 0)
    const keysBefore = store.keys();

    expect(aggregation.add('a', 5, click(2))).toEqual({ status: 'late', fired: [] });
    expect(onLate).toHaveBeenCalledWith({ key: 'a', timestampMs: 5, value: { amount: 2 } });
    expect(store.keys()).toEqual(keysBefore);
    expect(aggregation.advanceWatermark(Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('fires an update for each late-but-allowed record, then drops the window after its lateness', () => {
    const { aggregation, store } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 5 }));
    aggregation.add('a', 3, click(1));
    expect(aggregation.advanceWatermark(9)).toMatchObject([{ result: { n: 1, total: 1 }, isUpdate: false }]);

    // watermark 9: [0, 10) fired, but 9 < 9 + 5 so it still takes records and fires again at once
    expect(aggregation.add('a', 4, click(2))).toEqual({
      status: 'accepted',
      fired: [{ key: 'a', window: { startMs: 0, endMs: 10 }, result: { n: 2, total: 3 }, isUpdate: true }],
    });
    expect(aggregation.advanceWatermark(13)).toEqual([]); // no second "first" firing
    expect(aggregation.add('a', 0, click(4)).fired).toMatchObject([{ result: { n: 3, total: 7 }, isUpdate: true }]);

    aggregation.advanceWatermark(14); // 9 + 5: state removed
    expect(store.keys()).toEqual([WATERMARK_STATE_KEY]);
    expect(aggregation.add('a', 1, click()).status).toBe('late');
  });

  it('fires a late-but-allowed record that opens an empty window as a first result, not an update', () => {
    const { aggregation } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 5 }));
    aggregation.advanceWatermark(9);
    expect(aggregation.add('new-key', 2, click()).fired).toMatchObject([{ key: 'new-key', isUpdate: false }]);
  });
});

describe('createWindowedAggregation() with hopping windows', () => {
  it('reads no slice it wrote, and a slice restored from the store once, however many windows merge it', () => {
    const store = createMemoryWindowStateStore({ structuredClone: true });
    const spec = hopping({ sizeMs: 10, advanceMs: 2, allowedLatenessMs: 0 });
    const aggregation = createWindowedAggregation({ spec, aggregator: clickStats, store });
    const get = vi.spyOn(store, 'get');
    aggregation.add('a', 0, click(1)); // new slice [0, 2)
    aggregation.add('a', 1, click(2)); // same slice: updates the accumulator it holds
    aggregation.add('a', 6, click(4)); // new slice [6, 8)
    aggregation.add('b', 7, click(8)); // slice [6, 8) of another key

    const fired = aggregation.advanceWatermark(9); // five windows end by 9; each merges only slices 0 and 6

    expect(fired.filter((window) => window.key === 'a').at(-1)).toEqual({
      key: 'a',
      window: { startMs: 0, endMs: 10 },
      result: { n: 3, total: 7 },
      isUpdate: false,
    });
    expect(get).not.toHaveBeenCalled();

    // A successor knows the slices by their store keys only (slice 0 expired at 9): it reads each
    // once, on first use, though three windows ([2, 12), [4, 14), [6, 16)) merge it.
    const after = createWindowedAggregation({ spec, aggregator: clickStats, store });
    const afterGet = vi.spyOn(store, 'get');
    after.restore(store.keys());
    afterGet.mockClear(); // the watermark, read at construction
    expect(after.advanceWatermark(15).map((window) => [window.key, window.window.startMs, window.result])).toEqual(
      expect.arrayContaining([
        ['a', 6, { n: 1, total: 4 }],
        ['b', 6, { n: 1, total: 8 }],
      ]),
    );
    expect(afterGet.mock.calls.map(([storeKey]) => storeKey).sort()).toEqual(['a\u00006', 'b\u00006']);
  });

  it('writes one slice per record and merges the slices a window covers when it fires', () => {
    // size 10, advance 4: slices of gcd(10, 4) = 2 ms
    const { aggregation, store, recordWrites } = setup(hopping({ sizeMs: 10, advanceMs: 4, allowedLatenessMs: 0 }));
    aggregation.add('a', 9, click(1)); // slice [8, 10); windows [0,10) [4,14) [8,18)
    aggregation.add('a', 8, click(2)); // same slice
    aggregation.add('a', 5, click(4)); // slice [4, 6); windows [-4,6) [0,10) [4,14)
    expect(recordWrites()).toBe(3);
    expect(store.keys().sort()).toEqual(['a\u00004', 'a\u00008']);

    expect(
      aggregation.advanceWatermark(Number.POSITIVE_INFINITY).map((fired) => [fired.window.startMs, fired.result]),
    ).toEqual([
      [-4, { n: 1, total: 4 }], // [-4, 6): the record at 5
      [0, { n: 3, total: 7 }], // [0, 10): all three
      [4, { n: 3, total: 7 }], // [4, 14): all three
      [8, { n: 2, total: 3 }], // [8, 18): the records at 8 and 9
    ]);
    expect(store.keys()).toEqual([WATERMARK_STATE_KEY]);
  });

  it('updates only the open windows of a record late for some of them', () => {
    const { aggregation, onLate } = setup(hopping({ sizeMs: 10, advanceMs: 5, allowedLatenessMs: 0 }));
    aggregation.advanceWatermark(9); // [0, 10) is closed: 9 + 0 <= 9
    // ts 7 belongs to [0, 10) (closed) and [5, 15) (open until watermark 14)
    expect(aggregation.add('a', 7, click())).toEqual({ status: 'accepted', fired: [] });
    expect(onLate).not.toHaveBeenCalled();
    expect(aggregation.advanceWatermark(14)).toEqual([
      { key: 'a', window: { startMs: 5, endMs: 15 }, result: { n: 1, total: 1 }, isUpdate: false },
    ]);
  });

  it('keeps a slice until the last window holding it is past its lateness', () => {
    const { aggregation, store } = setup(hopping({ sizeMs: 10, advanceMs: 5, allowedLatenessMs: 3 }));
    aggregation.add('a', 7, click()); // slice [5, 10); last window [5, 15) closes at 14 + 3 = 17
    aggregation.advanceWatermark(16);
    // Still there, holding the one click it aggregated.
    expect(store.get('a\u00005')).toEqual(clickStats.add(clickStats.init(), click()));
    aggregation.advanceWatermark(17);
    expect(store.get('a\u00005')).toBeUndefined();
  });

  it('counts the (key, window) pairs waiting to fire', () => {
    const { aggregation } = setup(hopping({ sizeMs: 10, advanceMs: 5, allowedLatenessMs: 0 }));
    aggregation.add('a', 7, click()); // [0, 10) and [5, 15)
    aggregation.add('b', 7, click()); // the same two windows for b
    expect(aggregation.pendingWindowCount()).toBe(4);
    aggregation.advanceWatermark(9);
    expect(aggregation.pendingWindowCount()).toBe(2);
  });
});

describe('createWindowedAggregation() restore', () => {
  it('rebuilds its timers from a scan of the store and its watermark from the store, firing nothing twice', () => {
    const spec = hopping({ sizeMs: 10, advanceMs: 5, allowedLatenessMs: 0 });
    const { aggregation: before, store } = setup(spec);
    before.add('a', 3, click(1)); // [-5, 5) [0, 10)
    before.add('a', 12, click(2)); // [5, 15) [10, 20)
    expect(before.advanceWatermark(9).map((fired) => fired.window.startMs)).toEqual([-5, 0]);

    const after = createWindowedAggregation({ spec, aggregator: clickStats, store });
    after.restore(store.keys());
    expect(after.watermarkMs()).toBe(9);
    expect(after.pendingWindowCount()).toBe(2);
    expect(after.add('a', 4, click()).status).toBe('late'); // still late after the restart
    expect(
      after.advanceWatermark(Number.POSITIVE_INFINITY).map((fired) => [fired.window.startMs, fired.result]),
    ).toEqual([
      [5, { n: 1, total: 2 }],
      [10, { n: 1, total: 2 }],
    ]);
  });

  it('rebuilds session timers the same way', () => {
    const spec = session({ gapMs: 10, allowedLatenessMs: 0 });
    const { aggregation: before, store } = setup(spec);
    before.add('a', 0, click());
    before.add('b', 100, click());
    before.advanceWatermark(9);

    const after = createWindowedAggregation({ spec, aggregator: clickStats, store });
    after.restore(store.keys());
    expect(after.pendingWindowCount()).toBe(1);
    expect(after.advanceWatermark(Number.POSITIVE_INFINITY)).toMatchObject([
      { key: 'b', window: { startMs: 100, endMs: 110 } },
    ]);
  });

  it('rejects a store key it did not write with WINDOWING_STATE_CORRUPT', () => {
    const { aggregation } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }));
    expect(() => aggregation.restore(['not-a-slice-key'])).toThrow(
      expect.objectContaining({ code: 'WINDOWING_STATE_CORRUPT' }),
    );
  });
});

describe('createWindowedAggregation() with session windows', () => {
  it('grows a session while records come within the gap and fires it at endMs - 1', () => {
    const { aggregation } = setup(session({ gapMs: 10, allowedLatenessMs: 0 }));
    aggregation.add('a', 0, click(1)); // [0, 10)
    aggregation.add('a', 5, click(2)); // [5, 15) overlaps: [0, 15)
    aggregation.add('a', 30, click(4)); // [30, 40): 15 < 30, a new session
    expect(aggregation.advanceWatermark(13)).toEqual([]);
    expect(aggregation.advanceWatermark(14)).toEqual([
      { key: 'a', window: { startMs: 0, endMs: 15 }, result: { n: 2, total: 3 }, isUpdate: false },
    ]);
    expect(aggregation.advanceWatermark(39)).toMatchObject([{ window: { startMs: 30, endMs: 40 }, result: { n: 1 } }]);
  });

  it('merges sessions that only touch, as Flink does ([0, 10) and [10, 20))', () => {
    const { aggregation } = setup(session({ gapMs: 10, allowedLatenessMs: 0 }));
    aggregation.add('a', 0, click());
    aggregation.add('a', 10, click());
    expect(aggregation.advanceWatermark(Number.POSITIVE_INFINITY)).toMatchObject([
      { window: { startMs: 0, endMs: 20 }, result: { n: 2 } },
    ]);
  });

  it('merges two sessions into one when a record bridges them', () => {
    const { aggregation, store, recordWrites } = setup(session({ gapMs: 10, allowedLatenessMs: 0 }));
    aggregation.add('a', 0, click(1)); // [0, 10)
    aggregation.add('a', 18, click(2)); // [18, 28): 10 < 18, separate
    expect(aggregation.pendingWindowCount()).toBe(2);
    aggregation.add('a', 9, click(4)); // [9, 19) touches both: [0, 28)
    expect(aggregation.pendingWindowCount()).toBe(1);
    expect(recordWrites()).toBe(3);
    expect(aggregation.advanceWatermark(26)).toEqual([]); // neither old end (9, 27 - 1) fires on its own
    expect(aggregation.advanceWatermark(27)).toEqual([
      { key: 'a', window: { startMs: 0, endMs: 28 }, result: { n: 3, total: 7 }, isUpdate: false },
    ]);
    expect(store.keys()).toEqual([WATERMARK_STATE_KEY]);
  });

  it('judges lateness on the merged session: a record joining an open session is accepted', () => {
    const { aggregation } = setup(session({ gapMs: 10, allowedLatenessMs: 0 }));
    aggregation.add('a', 12, click()); // [12, 22)
    aggregation.advanceWatermark(20);
    // alone, [5, 15) would be closed (14 <= 20), but it merges into [5, 22), which fires at 21
    expect(aggregation.add('a', 5, click()).status).toBe('accepted');
    expect(aggregation.add('b', 5, click()).status).toBe('late');
    expect(aggregation.advanceWatermark(21)).toMatchObject([
      { key: 'a', window: { startMs: 5, endMs: 22 }, result: { n: 2 } },
    ]);
  });

  it('fires an update when a late-but-allowed record extends a session that already fired', () => {
    const { aggregation, store } = setup(session({ gapMs: 10, allowedLatenessMs: 10 }));
    aggregation.add('a', 0, click(1));
    expect(aggregation.advanceWatermark(9)).toMatchObject([{ window: { startMs: 0, endMs: 10 }, isUpdate: false }]);
    // [0, 10) fired; a record at 3 makes [0, 13), which is not due yet (12 > 9)
    expect(aggregation.add('a', 3, click(2))).toEqual({ status: 'accepted', fired: [] });
    expect(aggregation.advanceWatermark(12)).toEqual([
      { key: 'a', window: { startMs: 0, endMs: 13 }, result: { n: 2, total: 3 }, isUpdate: true },
    ]);
    // within lateness (12 < 12 + 10): a record inside fires again at once
    expect(aggregation.add('a', 1, click(4)).fired).toMatchObject([{ result: { n: 3, total: 7 }, isUpdate: true }]);
    aggregation.advanceWatermark(22); // 12 + 10: expired
    expect(store.keys()).toEqual([WATERMARK_STATE_KEY]);
  });
});

describe('createWindowedAggregation() options', () => {
  it('rejects a missing store with WINDOWING_INVALID_OPTIONS', () => {
    expect(() =>
      createWindowedAggregation({ spec: tumbling({ sizeMs: 1, allowedLatenessMs: 0 }), aggregator: count() } as never),
    ).toThrow(expect.objectContaining({ code: 'WINDOWING_INVALID_OPTIONS' }));
  });

  it('rejects a NaN timestamp with a data error', () => {
    const { aggregation } = setup(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }));
    expect(() => aggregation.add('a', Number.NaN, click())).toThrow(WindowingError);
    expect(() => aggregation.add('a', Number.NaN, click())).toThrow(expect.objectContaining({ domain: 'data' }));
  });
});
