import { EnvConfigError } from '@fp/env-config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const dir = mkdtempSync(join(tmpdir(), 'backfill-config-'));
const transactions = join(dir, 'transactions.parquet');
const flights = join(dir, 'flights.CSV');
writeFileSync(transactions, '');
writeFileSync(flights, '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(argv: readonly string[]): readonly string[] {
  try {
    loadConfig({}, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvConfigError);
    return (error as EnvConfigError).problems;
  }
  throw new Error('expected ENV_CONFIG_INVALID');
}

describe('loadConfig()', () => {
  it('reads the options, the timestamp column from the pipeline and the store from OFFLINE_STORE_DIR or ./offline-store', () => {
    expect(loadConfig({}, ['--pipeline', 'card-features', '--input', `transactions=${transactions}`])).toEqual({
      pipelineName: 'card-features',
      inputFiles: { transactions },
      partitions: 1,
      storeRoot: 'offline-store',
      logLevel: 'info',
    });
    expect(
      loadConfig({ OFFLINE_STORE_DIR: '/data/store', LOG_LEVEL: 'warn' }, [
        '--pipeline=usage-statistics',
        `--input=flightdata=${flights}`,
        '--timestamp-column',
        'booked_at',
        '--partitions',
        '3',
      ]),
    ).toEqual({
      pipelineName: 'usage-statistics',
      inputFiles: { flightdata: flights },
      timestampColumn: 'booked_at',
      partitions: 3,
      storeRoot: '/data/store',
      logLevel: 'warn',
    });
    expect(
      loadConfig({ OFFLINE_STORE_DIR: '/data/store' }, [
        '--pipeline',
        'card-features',
        '--input',
        `transactions=${transactions}`,
        '--store',
        'here',
      ]),
    ).toMatchObject({ storeRoot: 'here' });
  });

  it('names every bad option, missing file and input the pipeline does not read at once', () => {
    expect(
      problemsOf([
        '--pipeline',
        'card-features',
        '--input',
        `transactions=${join(dir, 'missing.parquet')}`,
        '--input',
        `flightdata=${flights}`,
        '--input',
        'history.json',
        '--input',
        `transactions=${transactions}.txt`,
        '--partitions',
        '0',
      ]),
    ).toEqual([
      'partitions: Too small: expected number to be >0 (expected an integer in [1, 10000])',
      `input: transactions: no file ${join(dir, 'missing.parquet')} (expected <name>=<file.parquet|file.csv>, once per input of the pipeline)`,
      'input: "history.json" is not <name>=<file> (expected <name>=<file.parquet|file.csv>, once per input of the pipeline)',
      'input: transactions is given twice (expected <name>=<file.parquet|file.csv>, once per input of the pipeline)',
      `input: transactions: ${transactions}.txt must end in .parquet or .csv (expected <name>=<file.parquet|file.csv>, once per input of the pipeline)`,
      'input: card-features reads no input flightdata; its inputs: transactions (expected <name>=<file.parquet|file.csv>, once per input of the pipeline)',
    ]);
  });

  it('names an unknown pipeline and a pipeline input not given or without its timestamp column', () => {
    expect(
      problemsOf(['--pipeline', 'cards', '--input', `transactions=${transactions}`]).map((p) => p.split(':')[0]),
    ).toEqual(['pipeline']);
    expect(problemsOf(['--pipeline', 'cards'])[0]).toMatch(
      /^pipeline: .*\(expected one of card-features, usage-statistics\)$/,
    );
    expect(problemsOf(['--pipeline', 'usage-statistics', '--input', `flightdata=${flights}`])).toEqual([
      "timestamp-column: usage-statistics takes event time from the record timestamp: name the flightdata files' column of epoch milliseconds (expected the files’ column of record timestamps (epoch ms))",
    ]);
    expect(problemsOf(['--pipeline', 'usage-statistics', '--input', `transactions=${transactions}`])).toEqual([
      'input: usage-statistics reads no input transactions; its inputs: flightdata (expected <name>=<file.parquet|file.csv>, once per input of the pipeline)',
      'input: usage-statistics needs --input flightdata=<file> (expected <name>=<file.parquet|file.csv>, once per input of the pipeline)',
    ]);
    expect(problemsOf([]).map((problem) => problem.split(':')[0])).toEqual(['pipeline', 'input']);
  });

  it('refuses an unknown option or a pipeline given twice, with the usage', () => {
    expect(problemsOf(['--pipeline', 'card-features', '--file', 'x.csv'])[0]).toMatch(/usage: npm run backfill/);
    expect(problemsOf(['--pipeline', 'card-features', '--pipeline', 'usage-statistics'])[0]).toMatch(
      /'--pipeline' is given twice\nusage: npm run backfill/,
    );
  });
});
