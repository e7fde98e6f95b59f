import { describe, expect, it } from 'vitest';
import { createWatermarkCombiner } from './watermark-combiner';

function fakeClock() {
  let nowMs = 0;
  return { now: () => nowMs, advance: (ms: number) => void (nowMs += ms) };
}

describe('createWatermarkCombiner()', () => {
  it('is the minimum over its inputs, -Infinity until every input has a watermark', () => {
    const combiner = createWatermarkCombiner({ inputs: ['p0', 'p1'], now: () => 0 });
    combiner.update('p0', 100);
    expect(combiner.current()).toBe(Number.NEGATIVE_INFINITY); // p1 has none yet
    combiner.update('p1', 40);
    expect(combiner.current()).toBe(40);
    combiner.update('p1', 150);
    expect(combiner.current()).toBe(100);
  });

  it('ignores a lower watermark for an input', () => {
    const combiner = createWatermarkCombiner({ inputs: ['p0'], now: () => 0 });
    combiner.update('p0', 100);
    combiner.update('p0', 50);
    expect(combiner.current()).toBe(100);
  });

  it('leaves an idle input out, and never goes back when it wakes up behind', () => {
    const clock = fakeClock();
    const combiner = createWatermarkCombiner({ inputs: ['p0', 'p1'], idleTimeoutMs: 1_000, now: clock.now });
    combiner.update('p0', 10);
    combiner.update('p1', 10);
    clock.advance(600);
    combiner.update('p0', 500); // p0 active at 600; p1 last active at 0
    expect(combiner.current()).toBe(10);
    clock.advance(400); // p1: 1000 ms without activity -> idle
    expect(combiner.isIdle('p1')).toBe(true);
    expect(combiner.current()).toBe(500);
    combiner.markActive('p1'); // p1 is back, still at 10
    expect(combiner.isIdle('p1')).toBe(false);
    expect(combiner.current()).toBe(500); // never back
  });

  it('holds its last value when every input is idle', () => {
    const clock = fakeClock();
    const combiner = createWatermarkCombiner({ inputs: ['p0', 'p1'], idleTimeoutMs: 100, now: clock.now });
    combiner.update('p0', 7);
    combiner.update('p1', 9);
    expect(combiner.current()).toBe(7);
    clock.advance(100);
    expect(combiner.current()).toBe(7);
  });

  it('does not treat a repeated, unchanged watermark as activity', () => {
    const clock = fakeClock();
    const combiner = createWatermarkCombiner({ inputs: ['p0'], idleTimeoutMs: 100, now: clock.now });
    combiner.update('p0', 7);
    clock.advance(100);
    combiner.update('p0', 7);
    expect(combiner.isIdle('p0')).toBe(true);
  });

  it('is +Infinity once every input has ended', () => {
    const combiner = createWatermarkCombiner({ inputs: ['p0', 'p1'], now: () => 0 });
    combiner.update('p0', 10);
    combiner.update('p1', 20);
    combiner.endOfInput('p0');
    expect(combiner.current()).toBe(20);
    combiner.endOfInput('p1');
    expect(combiner.current()).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects an input it was not given with WINDOWING_UNKNOWN_INPUT', () => {
    const combiner = createWatermarkCombiner({ inputs: ['p0'], now: () => 0 });
    expect(() => combiner.update('p9', 1)).toThrow(expect.objectContaining({ code: 'WINDOWING_UNKNOWN_INPUT' }));
  });

  it.each([
    ['no inputs', []],
    ['duplicate inputs', ['p0', 'p0']],
  ])('rejects %s with WINDOWING_INVALID_OPTIONS', (_case, inputs) => {
    expect(() => createWatermarkCombiner({ inputs, now: () => 0 })).toThrow(
      expect.objectContaining({ code: 'WINDOWING_INVALID_OPTIONS' }),
    );
  });
});
