import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { aggregator, combine, count, last, max, min, sum } from './aggregators';
import { mean, stddevSample } from './moments';
import type { Aggregator } from './types';

interface Transaction {
  readonly amount: number;
}

function addAll<In, Acc>(agg: Aggregator<In, Acc, unknown>, values: readonly In[]): Acc {
  return values.reduce((acc, value) => agg.add(acc, value), agg.init());
}

describe('count(), sum(), min(), max()', () => {
  const values = [3, -1, 7].map((amount): Transaction => ({ amount }));

  it.each([
    ['count()', count(), 3],
    ['sum()', sum((t: Transaction) => t.amount), 9], // 3 - 1 + 7
    ['min()', min((t: Transaction) => t.amount), -1],
    ['max()', max((t: Transaction) => t.amount), 7],
  ])('%s aggregates and merges', (_name, agg: Aggregator<Transaction, number, number>, expected) => {
    expect(agg.result(addAll(agg, values))).toBe(expected);
    // split as [3] + [-1, 7] and merge: same answer
    expect(agg.result(agg.merge(addAll(agg, values.slice(0, 1)), addAll(agg, values.slice(1))))).toBe(expected);
  });
});

describe('last()', () => {
  it('keeps the value added last, and the right-hand side on merge', () => {
    const agg = last((t: Transaction) => t.amount);
    expect(agg.result(agg.init())).toBeUndefined();
    const a = addAll(agg, [{ amount: 1 }, { amount: 2 }]);
    const b = addAll(agg, [{ amount: 3 }]);
    expect(agg.result(a)).toBe(2);
    expect(agg.result(agg.merge(a, b))).toBe(3);
    expect(agg.result(agg.merge(b, agg.init()))).toBe(3);
  });
});

describe('aggregator()', () => {
  it('rejects a definition without merge with WINDOWING_INVALID_OPTIONS', () => {
    expect(() => aggregator({ init: () => 0, add: (a: number) => a, result: (a: number) => a } as never)).toThrow(
      expect.objectContaining({ code: 'WINDOWING_INVALID_OPTIONS' }),
    );
  });
});

describe('combine()', () => {
  const features = combine({
    num_trans: count(),
    avg_amt: mean((t: Transaction) => t.amount),
    stdev_amt: stddevSample((t: Transaction) => t.amount),
  });

  it('returns a record of the members’ results', () => {
    const acc = addAll(features, [{ amount: 1 }, { amount: 3 }]);
    // mean (1 + 3) / 2 = 2; sample variance ((1-2)^2 + (3-2)^2) / (2 - 1) = 2
    expect(features.result(acc)).toEqual({ num_trans: 2, avg_amt: 2, stdev_amt: Math.SQRT2 });
  });

  it('keeps a plain-data accumulator that survives structuredClone', () => {
    const acc = addAll(features, [{ amount: 1 }]);
    expect(features.result(structuredClone(acc))).toEqual(features.result(acc));
  });

  it('types its input as what every member accepts and its result by member name', () => {
    expectTypeOf(features.add).parameter(1).toEqualTypeOf<Transaction>();
    expectTypeOf(features.result).returns.toEqualTypeOf<{ num_trans: number; avg_amt: number; stdev_amt: number }>();
  });

  it('rejects an empty record with WINDOWING_INVALID_OPTIONS', () => {
    expect(() => combine({})).toThrow(expect.objectContaining({ code: 'WINDOWING_INVALID_OPTIONS' }));
  });

  it('has an associative merge with init() as identity (property)', () => {
    const accOf = (amounts: number[]) =>
      addAll(
        features,
        amounts.map((amount) => ({ amount })),
      );
    const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    const amounts = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 20 });
    fc.assert(
      fc.property(amounts, amounts, amounts, (a, b, c) => {
        const left = features.result(features.merge(features.merge(accOf(a), accOf(b)), accOf(c)));
        const right = features.result(features.merge(accOf(a), features.merge(accOf(b), accOf(c))));
        const identity = features.result(features.merge(features.init(), accOf(a)));
        expect(left.num_trans).toBe(right.num_trans);
        expect(close(left.avg_amt, right.avg_amt) && close(left.stdev_amt, right.stdev_amt)).toBe(true);
        expect(identity).toEqual(features.result(accOf(a)));
      }),
    );
  });
});
