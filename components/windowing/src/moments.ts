import { aggregator } from './aggregators';
import type { Aggregator } from './types';

/**
 * Count, mean and sum of squared deviations from the mean (Welford). Adding updates the mean by
 * the deviation, and merging uses Chan et al.'s parallel formula, so 1e9 + small noise keeps its
 * digits, unlike `sumOfSquares / n - mean^2`.
 */
export interface MomentsAccumulator {
  readonly n: number;
  readonly mean: number;
  readonly m2: number;
}

const EMPTY_MOMENTS: MomentsAccumulator = Object.freeze({ n: 0, mean: 0, m2: 0 });

function addMoment(acc: MomentsAccumulator, x: number): MomentsAccumulator {
  const n = acc.n + 1;
  const delta = x - acc.mean;
  const mean = acc.mean + delta / n;
  return { n, mean, m2: acc.m2 + delta * (x - mean) };
}

/** Accumulators are never changed (see `Aggregator`), so merging with an empty one returns the other as it is. */
function mergeMoments(a: MomentsAccumulator, b: MomentsAccumulator): MomentsAccumulator {
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

function moments<In>(
  select: (value: In) => number,
  result: (acc: MomentsAccumulator) => number,
): Aggregator<In, MomentsAccumulator, number> {
  return aggregator({
    // Frozen and shared: no object per new slice or firing window; every step returns a new one.
    init: () => EMPTY_MOMENTS,
    add: (acc, value) => addMoment(acc, select(value)),
    merge: mergeMoments,
    result,
  });
}

/** Arithmetic mean of `select(record)` (Welford); `0` for no records. */
export function mean<In>(select: (value: In) => number): Aggregator<In, MomentsAccumulator, number> {
  return moments(select, (acc) => (acc.n === 0 ? 0 : acc.mean));
}

/** Sample standard deviation (divides by `n - 1`); `0` when there are fewer than 2 records. */
export function stddevSample<In>(select: (value: In) => number): Aggregator<In, MomentsAccumulator, number> {
  return moments(select, (acc) => (acc.n < 2 ? 0 : Math.sqrt(Math.max(0, acc.m2) / (acc.n - 1))));
}

/** Population standard deviation (divides by `n`); `0` for no records. */
export function stddevPopulation<In>(select: (value: In) => number): Aggregator<In, MomentsAccumulator, number> {
  return moments(select, (acc) => (acc.n === 0 ? 0 : Math.sqrt(Math.max(0, acc.m2) / acc.n)));
}
