import { describe, expect, it } from 'vitest';
import * as base from './index';

describe('@fp/page-views-worker interface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(base).sort()).toEqual(['buildTopology', 'configShape', 'loadConfig', 'runPageViewsWorker']);
  });
});
