import { PipelineError } from '@fp/errors';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import * as usageStatistics from './index';

describe('@fp/usage-statistics interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(usageStatistics).sort()).toEqual([
      'DEFAULT_USAGE_STATISTICS_TOPICS',
      'USAGE_STATISTICS_WINDOW_MS',
      'UsageStatisticsError',
      'buildUsageStatisticsTopology',
      'flightDurationMinutes',
      'mergeUserStatistics',
      'toUserStatistics',
      'usageStatisticsErrorCodes',
      'usageStatisticsModes',
      'userStatisticsAggregator',
      'userStatisticsAvro',
      'userStatisticsKeyAvro',
      'userStatisticsKeySchema',
      'userStatisticsKeySerde',
      'userStatisticsSchema',
      'userStatisticsView',
    ]);
  });

  it('turns one flight into a one-minute total through the interface', () => {
    const driver = createTestDriver(usageStatistics.buildUsageStatisticsTopology({ mode: 'windowed' }));
    driver.pipe(
      'flightdata',
      { confirmation: 'SUNABCDEF' },
      {
        email_address: 'ABCDE@email.com',
        departure_time: '2023-10-16T22:25:00.123Z',
        departure_airport_code: 'ATL',
        arrival_time: '2023-10-17T01:25:00.122Z',
        arrival_airport_code: 'LAX',
        flight_number: 'SUN7',
        confirmation: 'SUNABCDEF',
        source: 'sunset',
      },
      90_000,
    );
    driver.endInput();
    // 3 h minus 1 ms truncates to 179 minutes; the record falls in window [60000, 120000).
    expect(driver.output('userstatistics').map(({ key, value, timestampMs }) => ({ key, value, timestampMs }))).toEqual(
      [
        {
          key: { email_address: 'ABCDE@email.com' },
          value: { email_address: 'ABCDE@email.com', total_flight_duration: 179, number_of_flights: 1 },
          timestampMs: 119_999,
        },
      ],
    );
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
    expect(new usageStatistics.UsageStatisticsError('USAGE_STATISTICS_NEGATIVE_DURATION', 'x')).toMatchObject({
      domain: 'data',
    });
  });
});
