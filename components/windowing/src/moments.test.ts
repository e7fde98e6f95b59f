import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, stddevPopulation, stddevSample } from './moments';

const identity = (x: number): number => x;

/** Two-pass reference: mean first, then squared deviations from it. */
function twoPass(values: readonly number[]): { mean: number; sample: number; population: number } {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, x) => a + (x - m) ** 2, 0);
  return { mean: m, sample: Math.sqrt(squares / (values.length - 1)), population: Math.sqrt(squares / values.length) };
}

function fold(agg: ReturnType<typeof stddevSample<number>>, values: readonly number[]) {
  return values.reduce((acc, x) => agg.add(acc, x), agg.init());
}

describe('stddevSample()', () => {
  const agg = stddevSample(identity);

  it('is 0 for one value (one transaction in the window)', () => {
    expect(agg.result(fold(agg, [42]))).toBe(0);
  });

  it('divides by n - 1', () => {
    // mean 5; squared deviations 9 + 1 + 1 + 9 = 20; 20 / (4 - 1)
    expect(agg.result(fold(agg, [2, 4, 6, 8]))).toBeCloseTo(Math.sqrt(20 / 3), 12);
  });

  it('keeps its digits at a 1e9 offset where sum of squares loses them', () => {
    const noise = [0.001, 0.002, 0.004, 0.0035, 0.0005, 0.003];
    const values = noise.map((x) => 1e9 + x);
    const reference = twoPass(values); // about 0.0014
    // E[x^2] - E[x]^2 subtracts two numbers near 1e18 whose ulp is 128: the result is noise.
    const n = values.length;
    const sumOfSquares = values.reduce((a, x) => a + x * x, 0);
    const naiveVariance = (sumOfSquares - n * reference.mean ** 2) / (n - 1);
    expect(Math.abs(Math.sqrt(Math.abs(naiveVariance)) - reference.sample)).toBeGreaterThan(1);
    // Welford is off by less than 1e-7 (the inputs themselves carry ~1e-7 of rounding at 1e9).
    expect(Math.abs(agg.result(fold(agg, values)) - reference.sample)).toBeLessThan(1e-7);
    // The same through Chan's merge of two halves.
    const merged = agg.merge(fold(agg, values.slice(0, 2)), fold(agg, values.slice(2)));
    expect(Math.abs(agg.result(merged) - reference.sample)).toBeLessThan(1e-7);
  });

  it('matches the two-pass reference however the values are split and merged (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.nat(),
        fc.constantFrom(0, 1e9),
        (noise, splitSeed, offset) => {
          const values = noise.map((x) => offset + x);
          const split = splitSeed % values.length;
          const merged = agg.merge(fold(agg, values.slice(0, split)), fold(agg, values.slice(split)));
          const reference = twoPass(values);
          // Absolute tolerance scaled by the offset's own rounding (ulp of 1e9 is ~1.2e-7).
          const tolerance = 1e-9 + offset * 1e-15;
          expect(Math.abs(agg.result(merged) - reference.sample)).toBeLessThanOrEqual(tolerance * 10);
        },
      ),
    );
  });
});

describe('stddevPopulation()', () => {
  it('divides by n, and is 0 for one value', () => {
    const agg = stddevPopulation(identity);
    expect(agg.result(fold(agg, [2, 4, 6, 8]))).toBeCloseTo(Math.sqrt(20 / 4), 12);
    expect(agg.result(fold(agg, [3]))).toBe(0);
  });
});

describe('mean()', () => {
  it('is the arithmetic mean, and 0 for no values', () => {
    const agg = mean(identity);
    expect(agg.result(fold(agg, [1e9 + 1, 1e9 + 2, 1e9 + 6]))).toBe(1e9 + 3);
    expect(agg.result(agg.init())).toBe(0);
  });

  it('does not change the accumulators it merges', () => {
    const agg = mean(identity);
    const a = fold(agg, [1, 2]);
    const b = fold(agg, [3]);
    const before = structuredClone({ a, b });
    agg.merge(a, b);
    agg.merge(agg.init(), b);
    expect({ a, b }).toEqual(before);
  });
});
