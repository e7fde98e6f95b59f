import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTimestampIndex } from './timestamp-index';

describe('createTimestampIndex()', () => {
  it('returns the key’s timestamps within inclusive bounds, ascending, each once', () => {
    const index = createTimestampIndex();
    for (const timestampMs of [30, 10, 20, 20, 40]) index.add('a', timestampMs);
    index.add('b', 15);
    expect(index.range('a', 10, 30)).toEqual([10, 20, 30]);
    expect(index.range('a', 11, 29)).toEqual([20]);
    expect(index.range('c', 0, 100)).toEqual([]);
    expect(index.size()).toBe(5);
  });

  it('forgets removed timestamps and ignores unknown ones', () => {
    const index = createTimestampIndex();
    index.add('a', 10);
    index.remove('a', 10);
    index.remove('a', 99);
    index.remove('z', 1);
    expect(index.range('a', 0, 100)).toEqual([]);
    expect(index.size()).toBe(0);
  });

  it('agrees with filtering a set, for any adds and removes (property)', () => {
    const operation = fc.record({ isAdd: fc.boolean(), timestampMs: fc.integer({ min: -20, max: 20 }) });
    fc.assert(
      fc.property(fc.array(operation), fc.integer({ min: -25, max: 25 }), fc.nat(30), (operations, fromMs, widthMs) => {
        const index = createTimestampIndex();
        const model = new Set<number>();
        for (const { isAdd, timestampMs } of operations) {
          if (isAdd) index.add('k', timestampMs);
          else index.remove('k', timestampMs);
          if (isAdd) model.add(timestampMs);
          else model.delete(timestampMs);
        }
        const expected = [...model].filter((t) => t >= fromMs && t <= fromMs + widthMs).sort((x, y) => x - y);
        expect(index.range('k', fromMs, fromMs + widthMs)).toEqual(expected);
        expect(index.size()).toBe(model.size);
      }),
    );
  });
});
