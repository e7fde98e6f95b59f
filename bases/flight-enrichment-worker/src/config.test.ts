import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig()', () => {
  it('applies the defaults when nothing is set: flightdata x userstatistics -> flightdata_enriched, 24 h', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      topics: { flightdata: 'flightdata', userstatistics: 'userstatistics', enriched: 'flightdata_enriched' },
      retentionMs: 86_400_000,
      worker: {
        connection: { clientId: 'flight-enrichment-worker' },
        applicationId: 'flight-enrichment',
        deadLetterTopic: 'flight-enrichment-dead-letters',
        mode: 'streaming',
      },
    });
    expect(config).not.toHaveProperty('repartitionPartitions');
  });

  it('reads the topics, retention and repartition partitions, and --bounded', () => {
    expect(
      loadConfig(
        {
          FLIGHTDATA_TOPIC: 'f',
          USERSTATISTICS_TOPIC: 'u',
          ENRICHED_TOPIC: 'e',
          RETENTION_MS: '60000',
          REPARTITION_PARTITIONS: '6',
        },
        ['node', 'main.cjs', '--bounded'],
      ),
    ).toMatchObject({
      topics: { flightdata: 'f', userstatistics: 'u', enriched: 'e' },
      retentionMs: 60_000,
      repartitionPartitions: 6,
      worker: { mode: 'bounded' },
    });
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ RETENTION_MS: '-1', REPARTITION_PARTITIONS: '0', ENRICHED_TOPIC: 'no spaces', HTTP_PORT: 'http' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    expect((thrown as EnvConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'ENRICHED_TOPIC',
      'HTTP_PORT',
      'REPARTITION_PARTITIONS',
      'RETENTION_MS',
    ]);
  });
});
