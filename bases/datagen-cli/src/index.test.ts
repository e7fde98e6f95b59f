import { describe, expect, it } from 'vitest';
import * as base from './index';

describe('@fp/datagen-cli interface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(base).sort()).toEqual([
      'DEFAULT_BACKFILL_COUNT',
      'DEFAULT_BACKFILL_SPAN_MS',
      'DEFAULT_FLIGHTS_PER_SECOND',
      'DEFAULT_SEED',
      'LIVE_TICK_MS',
      'MAX_PENDING_RECORDS',
      'USAGE',
      'configShape',
      'flightFeed',
      'loadConfig',
      'produce',
      'recreateTopics',
      'runDatagen',
      'transactionFeed',
    ]);
  });
});
