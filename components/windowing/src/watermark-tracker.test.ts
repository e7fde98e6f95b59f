import { describe, expect, it } from 'vitest';
import { createWatermarkTracker } from './watermark-tracker';

function fakeClock(startMs = 0) {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms: number) => void (nowMs += ms) };
}

describe('createWatermarkTracker()', () => {
  it('is -Infinity before any record', () => {
    const tracker = createWatermarkTracker({ strategy: { kind: 'monotonous' }, now: () => 0 });
    expect(tracker.current()).toBe(Number.NEGATIVE_INFINITY);
  });

  it('with a monotonous strategy is maxSeen - 1', () => {
    const tracker = createWatermarkTracker({ strategy: { kind: 'monotonous' }, now: () => 0 });
    tracker.observe(1_000);
    expect(tracker.current()).toBe(999); // 1000 - 1
  });

  it('with bounded out-of-orderness is maxSeen - maxOutOfOrdernessMs - 1', () => {
    const tracker = createWatermarkTracker({
      strategy: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 60_000 },
      now: () => 0,
    });
    tracker.observe(100_000);
    expect(tracker.current()).toBe(39_999); // 100000 - 60000 - 1
  });

  it('never goes back when an older record arrives', () => {
    const tracker = createWatermarkTracker({
      strategy: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 10 },
      now: () => 0,
    });
    tracker.observe(100);
    tracker.observe(50);
    expect(tracker.current()).toBe(89); // still from maxSeen = 100
  });

  it('goes idle after idleTimeoutMs of processing time without records, and wakes up on the next one', () => {
    const clock = fakeClock();
    const tracker = createWatermarkTracker({ strategy: { kind: 'monotonous' }, idleTimeoutMs: 1_000, now: clock.now });
    tracker.observe(5);
    clock.advance(999);
    expect(tracker.isIdle()).toBe(false);
    clock.advance(1);
    expect(tracker.isIdle()).toBe(true);
    tracker.observe(6);
    expect(tracker.isIdle()).toBe(false);
  });

  it('never goes idle without idleTimeoutMs', () => {
    const clock = fakeClock();
    const tracker = createWatermarkTracker({ strategy: { kind: 'monotonous' }, now: clock.now });
    clock.advance(1e12);
    expect(tracker.isIdle()).toBe(false);
  });

  it.each([
    ['a negative maxOutOfOrdernessMs', { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: -1 }, undefined],
    ['an unknown strategy', { kind: 'periodic' }, undefined],
    ['idleTimeoutMs = 0', { kind: 'monotonous' }, 0],
  ])('rejects %s with WINDOWING_INVALID_OPTIONS', (_case, strategy, idleTimeoutMs) => {
    expect(() => createWatermarkTracker({ strategy: strategy as never, idleTimeoutMs, now: () => 0 })).toThrow(
      expect.objectContaining({ code: 'WINDOWING_INVALID_OPTIONS' }),
    );
  });

  it('rejects a non-finite timestamp with WINDOWING_INVALID_TIMESTAMP', () => {
    const tracker = createWatermarkTracker({ strategy: { kind: 'monotonous' }, now: () => 0 });
    expect(() => tracker.observe(Number.POSITIVE_INFINITY)).toThrow(
      expect.objectContaining({ code: 'WINDOWING_INVALID_TIMESTAMP' }),
    );
  });
});
