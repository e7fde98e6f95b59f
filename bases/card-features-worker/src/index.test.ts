import { describe, expect, it } from 'vitest';
import * as base from './index';

describe('@fp/card-features-worker interface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(base).sort()).toEqual([
      'buildTopology',
      'cardTransactionsFormats',
      'configShape',
      'createCardSerdes',
      'loadConfig',
      'runCardFeaturesWorker',
    ]);
  });
});
