import { describe, expect, it } from 'vitest';
import * as base from './index';

describe('@fp/feature-archiver-worker interface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(base).sort()).toEqual([
      'DEFAULT_FLUSH_INTERVAL_MS',
      'DEFAULT_FLUSH_ROWS',
      'configShape',
      'featureRowFormats',
      'loadConfig',
      'runFeatureArchiverWorker',
    ]);
  });
});
