import { WindowingError } from './errors';
import type { Aggregator } from './types';

/**
 * A custom aggregator, checked for its four functions. The accumulator must be plain data (the
 * keyed store's codec falls back to `v8.serialize`) and `merge` associative with `init()` as identity.
 *
 * @throws WindowingError `WINDOWING_INVALID_OPTIONS` if a function is missing
 * @example
 * const distinctTids = aggregator({
 *   init: (): string[] => [],
 *   add: (acc, t: Transaction) => (acc.includes(t.tid) ? acc : [...acc, t.tid]),
 *   merge: (a, b) => [...a, ...b.filter((tid) => !a.includes(tid))],
 *   result: (acc) => acc.length,
 * });
 */
export function aggregator<In, Acc, Out>(definition: Aggregator<In, Acc, Out>): Aggregator<In, Acc, Out> {
  for (const name of ['init', 'add', 'merge', 'result'] as const) {
    if (typeof definition?.[name] !== 'function') {
      throw new WindowingError(
        'WINDOWING_INVALID_OPTIONS',
        `aggregator(): ${name} must be a function; an aggregator needs init, add, merge and result`,
      );
    }
  }
  const { init, add, merge, result } = definition;
  return Object.freeze({ init, add, merge, result });
}

/** Number of records. */
export function count(): Aggregator<unknown, number, number> {
  return aggregator({
    init: () => 0,
    add: (acc) => acc + 1,
    merge: (a, b) => a + b,
    result: (acc) => acc,
  });
}

/** Sum of `select(record)`. */
export function sum<In>(select: (value: In) => number): Aggregator<In, number, number> {
  return aggregator({
    init: () => 0,
    add: (acc, value) => acc + select(value),
    merge: (a, b) => a + b,
    result: (acc) => acc,
  });
}

/** Smallest `select(record)`; `+Infinity` for no records (windows are never empty). */
export function min<In>(select: (value: In) => number): Aggregator<In, number, number> {
  return aggregator({
    init: () => Number.POSITIVE_INFINITY,
    add: (acc, value) => Math.min(acc, select(value)),
    merge: (a, b) => Math.min(a, b),
    result: (acc) => acc,
  });
}

/** Largest `select(record)`; `-Infinity` for no records (windows are never empty). */
export function max<In>(select: (value: In) => number): Aggregator<In, number, number> {
  return aggregator({
    init: () => Number.NEGATIVE_INFINITY,
    add: (acc, value) => Math.max(acc, select(value)),
    merge: (a, b) => Math.max(a, b),
    result: (acc) => acc,
  });
}

export type LastAccumulator<T> = { readonly hasValue: false } | { readonly hasValue: true; readonly value: T };

/**
 * `select(record)` of the record added last. Merging keeps the right-hand side's value, and the
 * engine merges slices and sessions in event-time order, so across slices the later slice wins;
 * within one slice it is the last record by arrival. `undefined` for no records.
 */
export function last<In, T>(select: (value: In) => T): Aggregator<In, LastAccumulator<T>, T | undefined> {
  return aggregator<In, LastAccumulator<T>, T | undefined>({
    init: () => ({ hasValue: false }),
    add: (_acc, value) => ({ hasValue: true, value: select(value) }),
    merge: (a, b) => (b.hasValue ? b : a),
    result: (acc) => (acc.hasValue ? acc.value : undefined),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inference helpers over any aggregator
type AnyAggregator = Aggregator<any, any, any>;
type InputOf<A> = A extends Aggregator<infer In, unknown, unknown> ? In : never;
type AccOf<A> = A extends Aggregator<never, infer Acc, unknown> ? Acc : never;
type OutOf<A> = A extends Aggregator<never, unknown, infer Out> ? Out : never;
/** The record type every member accepts (`unknown` members, like `count()`, accept anything). */
export type CombinedInput<Members extends Record<string, AnyAggregator>> = {
  // Inputs sit in parameter position so that inference intersects them (a plain union would collapse into `unknown`).
  [Name in keyof Members]: (value: InputOf<Members[Name]>) => void;
}[keyof Members] extends (value: infer In) => void
  ? In
  : never;
export type CombinedAccumulator<Members extends Record<string, AnyAggregator>> = {
  [Name in keyof Members]: AccOf<Members[Name]>;
};
export type CombinedResult<Members extends Record<string, AnyAggregator>> = {
  [Name in keyof Members]: OutOf<Members[Name]>;
};

/**
 * Several aggregators over the same records, as one: the accumulator and the result are records
 * with the same names.
 *
 * @throws WindowingError `WINDOWING_INVALID_OPTIONS` if there are no members or one is not an aggregator
 * @example
 * combine({
 *   num_trans_per_10m: count(),
 *   avg_amt_per_10m: mean((t: Transaction) => t.amount),
 *   stdev_amt_per_10m: stddevSample((t: Transaction) => t.amount),
 * })
 */
export function combine<Members extends Record<string, AnyAggregator>>(
  members: Members,
): Aggregator<CombinedInput<Members>, CombinedAccumulator<Members>, CombinedResult<Members>> {
  const entries = Object.entries(members ?? {});
  if (entries.length === 0) {
    throw new WindowingError('WINDOWING_INVALID_OPTIONS', 'combine() needs at least one named aggregator');
  }
  for (const [name, member] of entries) aggregator(requireMember(name, member));
  const names = entries.map(([name]) => name);
  const byName = (build: (name: string, member: AnyAggregator) => unknown): Record<string, unknown> =>
    Object.fromEntries(entries.map(([name, member]) => [name, build(name, member)]));

  type Acc = CombinedAccumulator<Members>;
  const accOf = (acc: Acc, name: string): unknown => (acc as Record<string, unknown>)[name];
  return aggregator({
    init: () => byName((_name, member) => member.init()) as Acc,
    add: (acc, value) => byName((name, member) => member.add(accOf(acc, name), value)) as Acc,
    merge: (a, b) => byName((name, member) => member.merge(accOf(a, name), accOf(b, name))) as Acc,
    result: (acc) =>
      Object.fromEntries(
        names.map((name) => [name, members[name]?.result(accOf(acc, name))]),
      ) as CombinedResult<Members>,
  });
}

function requireMember(name: string, member: unknown): AnyAggregator {
  if (typeof member !== 'object' || member === null) {
    throw new WindowingError('WINDOWING_INVALID_OPTIONS', `combine(): member "${name}" is not an aggregator`);
  }
  return member as AnyAggregator;
}
