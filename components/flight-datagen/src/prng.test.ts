import { describe, expect, it } from 'vitest';
import { createPrng, deriveSeed } from './prng';

describe('createPrng()', () => {
  it('gives the same draws for the same seed and different ones for another', () => {
    const draws = (seed: number) => {
      const prng = createPrng(seed);
      return Array.from({ length: 5 }, () => prng.nextFloat());
    };
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('is mulberry32: the first draws of seed 0 match the reference implementation', () => {
    // mulberry32(0) as uint32, from bryc's reference JavaScript implementation (PractRand-tested).
    const prng = createPrng(0);
    const first = Array.from({ length: 3 }, () => Math.round(prng.nextFloat() * 2 ** 32));
    expect(first).toEqual([1_144_304_738, 1_416_247, 958_946_056]);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const prng = createPrng(7);
    const values = new Set(Array.from({ length: 2_000 }, () => prng.int(-2, 3)));
    expect([...values].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('draws uppercase letters only, every one of the 26 eventually', () => {
    const text = createPrng(1).letters(2_000);
    expect(text).toMatch(/^[A-Z]{2000}$/);
    expect(new Set(text).size).toBe(26);
  });

  it('takes any integer seed modulo 2^32, and rejects a fractional one with FLIGHT_DATAGEN_INVALID_OPTIONS', () => {
    expect(createPrng(-1).nextFloat()).toBe(createPrng(2 ** 32 - 1).nextFloat());
    expect(() => createPrng(1.5)).toThrow(expect.objectContaining({ code: 'FLIGHT_DATAGEN_INVALID_OPTIONS' }));
  });
});

describe('deriveSeed()', () => {
  it('gives distinct uint32 seeds per stream, stable across calls', () => {
    const seeds = [0, 1, 2, 3].map((stream) => deriveSeed(42, stream));
    expect(new Set(seeds).size).toBe(4);
    expect(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)).toBe(true);
    expect(deriveSeed(42, 1)).toBe(seeds[1]);
  });
});
