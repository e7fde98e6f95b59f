import { describe, expect, it } from 'vitest';
import { ABSENT, ReadCache } from './read-cache';

describe('ReadCache', () => {
  it('never holds more than its capacity and evicts the least recently used first', () => {
    const cache = new ReadCache<number>(10);
    for (let i = 0; i < 10; i += 1) {
      cache.set(`k${i}`, i);
    }
    expect(cache.get('k0')).toBe(0); // k0 becomes the most recently used
    cache.set('k10', 10);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get('k0')).toBe(0);
    expect(cache.get('k10')).toBe(10);
    expect(cache.get('k1')).toBeUndefined();
  });

  it('caches known-absent keys and holds nothing with capacity 0', () => {
    const cache = new ReadCache<number>(1);
    cache.set('gone', ABSENT);
    expect(cache.get('gone')).toBe(ABSENT);
    const disabled = new ReadCache<number>(0);
    disabled.set('a', 1);
    expect([disabled.size, disabled.get('a')]).toEqual([0, undefined]);
  });
});
