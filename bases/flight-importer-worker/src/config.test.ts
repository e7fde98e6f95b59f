import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig()', () => {
  it('applies the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.topics).toEqual({ skyone: 'skyone', sunset: 'sunset', flightdata: 'flightdata' });
    expect(config.timeZone).toBe('UTC');
    expect(config.worker).toMatchObject({
      connection: { brokers: ['localhost:9092'], clientId: 'flight-importer-worker' },
      applicationId: 'flight-importer',
      mode: 'streaming',
      onBadRecord: 'dead-letter',
      deadLetterTopic: 'flight-importer-dead-letters',
      httpPort: 8080,
    });
  });

  it('reads the topics, the time zone and --bounded', () => {
    const config = loadConfig(
      { SKYONE_TOPIC: 'a', SUNSET_TOPIC: 'b', FLIGHTDATA_TOPIC: 'c', TIME_ZONE: 'Europe/Berlin' },
      ['--bounded'],
    );
    expect(config).toMatchObject({
      topics: { skyone: 'a', sunset: 'b', flightdata: 'c' },
      timeZone: 'Europe/Berlin',
      worker: { mode: 'bounded' },
    });
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ TIME_ZONE: 'Mars/Olympus', SKYONE_TOPIC: 'no spaces', MODE: 'fast' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    expect((thrown as EnvConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'MODE',
      'SKYONE_TOPIC',
      'TIME_ZONE',
    ]);
  });
});
