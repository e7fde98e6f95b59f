import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig()', () => {
  it('applies the defaults when nothing is set: cumulative, UTC, flightdata -> userstatistics', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      topics: { flightdata: 'flightdata', userstatistics: 'userstatistics' },
      mode: 'cumulative',
      timeZone: 'UTC',
      worker: {
        connection: { clientId: 'usage-statistics-worker' },
        applicationId: 'usage-statistics',
        deadLetterTopic: 'usage-statistics-dead-letters',
        mode: 'streaming',
      },
    });
    expect(config.topics).not.toHaveProperty('late');
  });

  it('reads the mode, topics and late topic', () => {
    expect(
      loadConfig({
        USAGE_STATISTICS_MODE: 'windowed',
        FLIGHTDATA_TOPIC: 'f',
        USERSTATISTICS_TOPIC: 'u',
        LATE_TOPIC: 'l',
      }),
    ).toMatchObject({ mode: 'windowed', topics: { flightdata: 'f', userstatistics: 'u', late: 'l' } });
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ USAGE_STATISTICS_MODE: 'hourly', TIME_ZONE: 'Nowhere', HTTP_PORT: 'http' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    expect((thrown as EnvConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'HTTP_PORT',
      'TIME_ZONE',
      'USAGE_STATISTICS_MODE',
    ]);
  });
});
