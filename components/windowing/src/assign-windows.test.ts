import { describe, expect, it } from 'vitest';
import { assignWindows, windowStartMs } from './assign-windows';
import { WindowingError } from './errors';
import { hopping, session, tumbling } from './window-spec';

describe('windowStartMs()', () => {
  it.each([
    // ts - ((ts - offset + size) mod size)
    { ts: 0, size: 10, offset: 0, start: 0 }, // 0 - (10 mod 10 = 0)
    { ts: 9, size: 10, offset: 0, start: 0 }, // 9 - (19 mod 10 = 9)
    { ts: 10, size: 10, offset: 0, start: 10 }, // 10 - (20 mod 10 = 0)
    { ts: -1, size: 10, offset: 0, start: -10 }, // -1 - (9 mod 10 = 9)
    { ts: -10, size: 10, offset: 0, start: -10 }, // -10 - (0 mod 10 = 0)
    { ts: -11, size: 10, offset: 0, start: -20 }, // -11 - (-1 mod 10 = 9, non-negative)
    { ts: -25, size: 10, offset: 0, start: -30 }, // -25 - (-15 mod 10 = 5)
    { ts: 3, size: 10, offset: 4, start: -6 }, // 3 - (9 mod 10 = 9)
    { ts: 4, size: 10, offset: 4, start: 4 }, // 4 - (10 mod 10 = 0)
    { ts: 7, size: 10, offset: -3, start: 7 }, // 7 - (20 mod 10 = 0)
  ])('puts $ts in the window of size $size and offset $offset starting at $start', ({ ts, size, offset, start }) => {
    expect(windowStartMs(ts, size, offset)).toBe(start);
  });
});

describe('assignWindows()', () => {
  describe('tumbling', () => {
    const spec = tumbling({ sizeMs: 100, allowedLatenessMs: 0 });

    it.each([
      { ts: 200, window: { startMs: 200, endMs: 300 } }, // exactly startMs
      { ts: 299, window: { startMs: 200, endMs: 300 } }, // endMs - 1 is the last instant inside
      { ts: 300, window: { startMs: 300, endMs: 400 } }, // endMs belongs to the next window
      { ts: -1, window: { startMs: -100, endMs: 0 } }, // negative timestamps
    ])('puts a record at $ts into $window', ({ ts, window }) => {
      expect(assignWindows(spec, ts)).toEqual([window]);
    });

    it('puts a record at exactly endMs into the next window', () => {
      expect(assignWindows(spec, 300)[0]?.startMs).toBe(300);
    });
  });

  describe('hopping', () => {
    it('gives size/advance windows per record, by ascending start (10 min every 1 min: 10)', () => {
      const windows = assignWindows(hopping({ sizeMs: 600_000, advanceMs: 60_000, allowedLatenessMs: 0 }), 630_000);
      expect(windows).toHaveLength(10);
      // last start at or before 630000 is 600000; the first is 600000 - 9 * 60000 = 60000
      expect(windows[0]).toEqual({ startMs: 60_000, endMs: 660_000 });
      expect(windows[9]).toEqual({ startMs: 600_000, endMs: 1_200_000 });
    });

    it('follows Flink when the size is not a multiple of the advance (10 every 4)', () => {
      const spec = hopping({ sizeMs: 10, advanceMs: 4, allowedLatenessMs: 0 });
      // ts 9: starts 8, 4, 0 (all > 9 - 10 = -1)
      expect(assignWindows(spec, 9)).toEqual([
        { startMs: 0, endMs: 10 },
        { startMs: 4, endMs: 14 },
        { startMs: 8, endMs: 18 },
      ]);
      // ts 2: starts 0, -4 (> -8); -8 is not > -8, so [-8, 2) does not hold 2
      expect(assignWindows(spec, 2)).toEqual([
        { startMs: -4, endMs: 6 },
        { startMs: 0, endMs: 10 },
      ]);
    });

    it('shifts windows by offsetMs', () => {
      const spec = hopping({ sizeMs: 10, advanceMs: 5, offsetMs: 2, allowedLatenessMs: 0 });
      // starts are 2 + 5k: for ts 6 the candidates are 2 and -3
      expect(assignWindows(spec, 6)).toEqual([
        { startMs: -3, endMs: 7 },
        { startMs: 2, endMs: 12 },
      ]);
    });
  });

  describe('session', () => {
    it("gives the record's own [ts, ts + gapMs)", () => {
      expect(assignWindows(session({ gapMs: 30, allowedLatenessMs: 0 }), -5)).toEqual([{ startMs: -5, endMs: 25 }]);
    });
  });

  it('rejects a NaN timestamp with WINDOWING_INVALID_TIMESTAMP (a data error)', () => {
    const spec = tumbling({ sizeMs: 10, allowedLatenessMs: 0 });
    expect(() => assignWindows(spec, Number.NaN)).toThrow(
      expect.objectContaining({ code: 'WINDOWING_INVALID_TIMESTAMP', domain: 'data' }),
    );
    expect(() => assignWindows(spec, Number.NaN)).toThrow(WindowingError);
  });
});
