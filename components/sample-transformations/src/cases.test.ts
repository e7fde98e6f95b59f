/**
 * Table-driven tests from `cases/*.json`: every file names a sample function and lists cases
 * `{description, inputs, expected}`. `inputs` are the function's arguments by name, a stream
 * argument being the list of its record values; `expected` is the list of output values, compared
 * as a multiset (order between keys and windows is not promised). A data scientist adds a test by
 * adding a case to a JSON file, or a file for a new function plus a runner below.
 */
import { jsonSerde, stringSerde, type Serde } from '@fp/serdes';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { createTopology, type SourceOptions, type Stream } from '@fp/topology';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addOne } from './add-one';
import { countAllUserActions, userActionCountSchema } from './count-all-user-actions';
import {
  countUserActionsLastXSecondsEveryYSeconds,
  windowedUserActionCountSchema,
} from './count-user-actions-last-x-seconds-every-y-seconds';
import { userActionSchema, userActionSourceOptions, userActionTypes } from './user-action';

const caseFileSchema = z
  .object({
    function: z.string(),
    cases: z.array(
      z
        .object({
          description: z.string().min(1),
          inputs: z.record(z.string(), z.unknown()),
          expected: z.array(z.unknown()),
        })
        .strict(),
    ),
  })
  .strict();

/** Builds a one-source, one-sink topology around `apply`, pipes `values` in, ends the input, returns the outputs. */
function runOnDriver<V, Out>(
  values: readonly V[],
  source: SourceOptions<string, V>,
  apply: (stream: Stream<string, V>) => Stream<string, Out>,
  output: Serde<Out>,
): Out[] {
  const topology = createTopology('sample-case');
  apply(topology.stream('read-input', source)).to('write-output', { topic: 'output', key: stringSerde, value: output });
  const driver = createTestDriver(topology);
  for (const value of values) driver.pipe('read-input', null, value);
  driver.endInput();
  return driver.output<string, Out>('write-output').map(({ value }) => value);
}

const actions = z.array(userActionSchema);

/** One runner per sample function: parses the case's `inputs` (strictly, so a typo fails) and runs it. */
const runners: Readonly<Record<string, (inputs: unknown) => unknown[]>> = {
  addOne: (inputs) => {
    const { stream } = z
      .object({ stream: z.array(z.number()) })
      .strict()
      .parse(inputs);
    const numbers = jsonSerde(z.number());
    return runOnDriver(stream, { topic: 'input', key: stringSerde, value: numbers }, (s) => addOne(s), numbers);
  },
  countAllUserActions: (inputs) => {
    const args = z
      .object({ actions, actionType: z.enum(userActionTypes).optional() })
      .strict()
      .parse(inputs);
    return runOnDriver(
      args.actions,
      userActionSourceOptions('input'),
      (s) => countAllUserActions(s, args.actionType),
      jsonSerde(userActionCountSchema),
    );
  },
  countUserActionsLastXSecondsEveryYSeconds: (inputs) => {
    const args = z.object({ actions, sizeS: z.number(), slideS: z.number() }).strict().parse(inputs);
    return runOnDriver(
      args.actions,
      userActionSourceOptions('input'),
      (s) => countUserActionsLastXSecondsEveryYSeconds(s, args.sizeS, args.slideS),
      jsonSerde(windowedUserActionCountSchema),
    );
  },
};

/** JSON with object keys sorted, so equal values give equal strings whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

function expectSameMultiset(actual: readonly unknown[], expected: readonly unknown[]): void {
  const sorted = (items: readonly unknown[]) => [...items].sort((a, b) => canonical(a).localeCompare(canonical(b)));
  expect(sorted(actual)).toEqual(sorted(expected));
}

const casesDir = new URL('./cases/', import.meta.url);
const caseFiles = readdirSync(casesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, ...caseFileSchema.parse(JSON.parse(readFileSync(new URL(name, casesDir), 'utf8'))) }));

describe('JSON case files', () => {
  it('exist for every sample function, and name only functions that have a runner', () => {
    expect(caseFiles.map((file) => file.function).sort()).toEqual(Object.keys(runners).sort());
  });

  it('compare outputs as multisets: order does not matter, counts and values do', () => {
    expectSameMultiset([{ a: 1, b: 2 }, 3], [3, { b: 2, a: 1 }]);
    expect(() => expectSameMultiset([1, 2], [2, 2])).toThrow();
    expect(() => expectSameMultiset([1], [1, 1])).toThrow();
  });
});

for (const file of caseFiles) {
  describe(`${file.function} (cases/${file.name})`, () => {
    it.each(file.cases.map((testCase) => [testCase.description, testCase] as const))('%s', (_description, testCase) => {
      const run = runners[file.function];
      if (run === undefined) throw new Error(`cases/${file.name}: no runner for function "${file.function}"`);
      expectSameMultiset(run(testCase.inputs), testCase.expected);
    });
  });
}
