import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig()', () => {
  it('applies the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.topics).toEqual({ input: 'page-views-input', output: 'page-views-output' });
    expect(config.worker).toMatchObject({
      connection: { brokers: ['localhost:9092'], clientId: 'page-views-worker' },
      applicationId: 'page-views',
      mode: 'streaming',
      onBadRecord: 'dead-letter',
      deadLetterTopic: 'page-views-dead-letters',
      httpPort: 8080,
      logLevel: 'info',
    });
    expect(config.idleTimeoutMs).toBeUndefined();
    expect(config.outputTopics).toEqual({ retentionMs: -1, replicationFactor: 1 });
  });

  it('reads the idle timeout and how output topics are created', () => {
    const config = loadConfig({
      IDLE_TIMEOUT_MS: '30000',
      OUTPUT_TOPIC_PARTITIONS: '6',
      OUTPUT_TOPIC_RETENTION_MS: '604800000',
    });
    expect(config).toMatchObject({
      idleTimeoutMs: 30_000,
      outputTopics: { partitions: 6, retentionMs: 604_800_000, replicationFactor: 1 },
    });
  });

  it('reads the topics and --bounded', () => {
    const config = loadConfig({ INPUT_TOPIC: 'in', OUTPUT_TOPIC: 'out' }, ['--bounded']);
    expect(config).toMatchObject({ topics: { input: 'in', output: 'out' }, worker: { mode: 'bounded' } });
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ HTTP_PORT: 'http', INPUT_TOPIC: 'bad topic!', OUTPUT_TOPIC: 'no/slashes', IDLE_TIMEOUT_MS: '0' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    expect((thrown as EnvConfigError).message).toMatch(/INPUT_TOPIC: .*\(expected a Kafka topic name\)/);
    expect((thrown as EnvConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'HTTP_PORT',
      'IDLE_TIMEOUT_MS',
      'INPUT_TOPIC',
      'OUTPUT_TOPIC',
    ]);
  });
});
