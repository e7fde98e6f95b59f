import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvConfigError } from './errors';
import { fileOption, parseCommandLine } from './parse-command-line';

const schema = z.object({
  in: fileOption(['csv', 'parquet']),
  tag: z.array(z.string().regex(/^\w+$/, 'must be a word')).min(1).describe('one or more words'),
  store: z.string().default('here'),
  LOG_LEVEL: z.string().default('info'),
});
const spec = { options: ['in', 'tag', 'store'], repeatable: ['tag'], usage: 'usage: try --in x.csv --tag a' };

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvConfigError);
    return (error as EnvConfigError).problems;
  }
  throw new Error('expected ENV_CONFIG_INVALID');
}

describe('parseCommandLine()', () => {
  it('reads options, repeated ones as a list in order, and fallbacks for the rest', () => {
    expect(
      parseCommandLine(schema, ['--in', 'a.CSV', '--tag', 'b', '--tag=a'], {
        ...spec,
        fallbacks: { store: 'from-env', LOG_LEVEL: 'debug' },
      }),
    ).toEqual({ in: 'a.CSV', tag: ['b', 'a'], store: 'from-env', LOG_LEVEL: 'debug' });
    // An option given wins over its fallback; an unset fallback leaves the default.
    expect(
      parseCommandLine(schema, ['--in', 'a.parquet', '--tag', 'b', '--store', 'there'], {
        ...spec,
        fallbacks: { store: 'from-env', LOG_LEVEL: undefined },
      }),
    ).toMatchObject({ store: 'there', LOG_LEVEL: 'info' });
  });

  it('lists every bad or missing option at once, with what it expects', () => {
    expect(
      problemsOf(() => parseCommandLine(schema, ['--in', 'a.json', '--tag', 'no good', '--tag', 'ok'], spec)),
    ).toEqual([
      'in: must end in .csv or .parquet (expected a csv or parquet file)',
      'tag.0: must be a word (expected one or more words)',
    ]);
    expect(problemsOf(() => parseCommandLine(schema, [], spec)).map((problem) => problem.split(':')[0])).toEqual([
      'in',
      'tag',
    ]);
  });

  it('refuses an unknown option, a value given twice or a missing value, with the usage', () => {
    for (const argv of [['--in', 'a.csv', '--colour', 'red'], ['--in', 'a.csv', '--in', 'b.csv'], ['--in']]) {
      const problems = problemsOf(() => parseCommandLine(schema, argv, spec));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/usage: try --in x\.csv --tag a$/);
    }
  });
});
