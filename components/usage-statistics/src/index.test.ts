import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as usageStatistics from './index';

describe('@fp/usage-statistics interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(usageStatistics).sort()).toEqual(['UsageStatisticsError', 'usageStatisticsErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new usageStatistics.UsageStatisticsError('USAGE_STATISTICS_INVALID_OPTIONS', 'bad options', {
      cause,
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'UsageStatisticsError',
      code: 'USAGE_STATISTICS_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
