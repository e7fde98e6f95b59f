import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const required = [
  '--labels',
  'l.csv',
  '--entity',
  'cc_num',
  '--time',
  'datetime',
  '--views',
  'a, b',
  '--out',
  'o.parquet',
];

describe('loadConfig()', () => {
  it('reads the options, with the store from OFFLINE_STORE_DIR or ./offline-store', () => {
    expect(loadConfig({}, required)).toEqual({
      labelsPath: 'l.csv',
      entityColumn: 'cc_num',
      timeColumn: 'datetime',
      viewNames: ['a', 'b'],
      outPath: 'o.parquet',
      storeRoot: 'offline-store',
      logLevel: 'info',
    });
    expect(loadConfig({ OFFLINE_STORE_DIR: '/data/store' }, [...required, '--max-age', '2h'])).toMatchObject({
      storeRoot: '/data/store',
      maxAgeMs: 7_200_000,
    });
    expect(loadConfig({ OFFLINE_STORE_DIR: '/data/store' }, [...required, '--store', 'here'])).toMatchObject({
      storeRoot: 'here',
    });
  });

  it('names every bad or missing option at once', () => {
    let thrown: unknown;
    try {
      loadConfig({}, ['--labels', 'l.json', '--out', 'o.txt', '--max-age', 'soon']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    expect((thrown as EnvConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'entity',
      'labels',
      'max-age',
      'out',
      'time',
      'views',
    ]);
  });

  it('refuses an unknown option with the usage', () => {
    expect(() => loadConfig({}, [...required, '--label-time', 'x'])).toThrow(/usage: npm run training-set/);
  });
});
