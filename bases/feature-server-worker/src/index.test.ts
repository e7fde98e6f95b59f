import { describe, expect, it } from 'vitest';
import * as base from './index';

describe('@fp/feature-server-worker interface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(base).sort()).toEqual([
      'avroFormats',
      'configShape',
      'loadConfig',
      'servableViews',
      'startFeatureServer',
    ]);
  });
});
