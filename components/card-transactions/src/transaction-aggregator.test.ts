import { describe, expect, it } from 'vitest';
import type { CardTransaction } from './source-transaction';
import { transactionAggregator } from './transaction-aggregator';

const tx = (amount: number): CardTransaction => ({ tid: null, datetime: 0, cc_num: 1, amount });

function aggregate(amounts: readonly number[]) {
  const agg = transactionAggregator();
  return agg.result(amounts.reduce((acc, amount) => agg.add(acc, tx(amount)), agg.init()));
}

/** The textbook two-pass formulas, as a reference the incremental one must match. */
function twoPass(amounts: readonly number[]) {
  const mean = amounts.reduce((total, x) => total + x, 0) / amounts.length;
  const squares = amounts.reduce((total, x) => total + (x - mean) ** 2, 0);
  return {
    count: amounts.length,
    mean,
    stddevSample: amounts.length < 2 ? 0 : Math.sqrt(squares / (amounts.length - 1)),
  };
}

describe('transactionAggregator()', () => {
  it('gives count 1, the amount as mean and a standard deviation of 0 for one transaction', () => {
    expect(aggregate([0.42])).toEqual({ count: 1, mean: 0.42, stddevSample: 0 });
  });

  it('computes the SAMPLE standard deviation (divides by n - 1) of two amounts', () => {
    // mean = (0.25 + 0.75) / 2 = 0.5; squared deviations 0.0625 + 0.0625 = 0.125;
    // sample variance = 0.125 / (2 - 1) = 0.125; stddev = sqrt(0.125) = 0.35355... (population would be 0.25)
    const result = aggregate([0.25, 0.75]);
    expect(result.count).toBe(2);
    expect(result.mean).toBe(0.5);
    expect(result.stddevSample).toBeCloseTo(Math.sqrt(0.125), 15);
  });

  it('matches the two-pass reference for many amounts, also far from zero', () => {
    const amounts = Array.from({ length: 500 }, (_, n) => ((n * 7919) % 1000) / 1000);
    const expected = twoPass(amounts);
    const result = aggregate(amounts);
    expect(result.count).toBe(500);
    expect(result.mean).toBeCloseTo(expected.mean, 12);
    expect(result.stddevSample).toBeCloseTo(expected.stddevSample, 12);

    // 1e9 + small amounts: sum of squares would lose every digit of the deviation here.
    const shifted = amounts.map((amount) => 1e9 + amount);
    expect(aggregate(shifted).stddevSample).toBeCloseTo(expected.stddevSample, 5);
  });

  it('merges two partial accumulators into what adding everything to one gives', () => {
    const agg = transactionAggregator();
    const amounts = [0.1, 0.9, 0.35, 0.6, 0.05];
    const left = amounts.slice(0, 2).reduce((acc, amount) => agg.add(acc, tx(amount)), agg.init());
    const right = amounts.slice(2).reduce((acc, amount) => agg.add(acc, tx(amount)), agg.init());
    const merged = agg.result(agg.merge(left, right));
    const expected = twoPass(amounts);
    expect(merged.count).toBe(5);
    expect(merged.mean).toBeCloseTo(expected.mean, 14);
    expect(merged.stddevSample).toBeCloseTo(expected.stddevSample, 14);
  });

  it('reports an empty accumulator as count 0, mean 0 and stddev 0', () => {
    const agg = transactionAggregator();
    expect(agg.result(agg.init())).toEqual({ count: 0, mean: 0, stddevSample: 0 });
  });
});
