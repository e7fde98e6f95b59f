import { parseEnv } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outputTopicsEnvShape, outputTopicSettingsFromEnv } from './output-topics-env';

const settings = (env: Record<string, string>) => outputTopicSettingsFromEnv(parseEnv(z.object(outputTopicsEnvShape), env));

describe('outputTopicSettingsFromEnv', () => {
  it("keeps records forever on one replica, partitioned as the inputs, when nothing is set", () => {
    expect(settings({})).toEqual({ retentionMs: -1, replicationFactor: 1 });
  });

  it('reads the partitions, retention and replication factor', () => {
    expect(
      settings({
        OUTPUT_TOPIC_PARTITIONS: '12',
        OUTPUT_TOPIC_RETENTION_MS: '604800000',
        OUTPUT_TOPIC_REPLICATION_FACTOR: '3',
      }),
    ).toEqual({ partitions: 12, retentionMs: 604_800_000, replicationFactor: 3 });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      settings({ OUTPUT_TOPIC_PARTITIONS: '0', OUTPUT_TOPIC_RETENTION_MS: '-2', OUTPUT_TOPIC_REPLICATION_FACTOR: 'x' }),
    ).toThrow(/OUTPUT_TOPIC_PARTITIONS[\s\S]*OUTPUT_TOPIC_RETENTION_MS[\s\S]*OUTPUT_TOPIC_REPLICATION_FACTOR/);
  });
});
