import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig()', () => {
  it('applies the defaults: both shipped views, Confluent Avro, dead letters, appends of 100,000 rows or a minute', () => {
    expect(loadConfig({})).toMatchObject({
      connection: { brokers: ['localhost:9092'], clientId: 'feature-archiver' },
      viewNames: ['card_transactions_10m_agg', 'userstatistics'],
      storeRoot: './offline-store',
      groupId: 'feature-archiver',
      flushRows: 100_000,
      flushIntervalMs: 60_000,
      format: 'confluent',
      schemaRegistry: { url: 'http://localhost:8081/apis/ccompat/v7', autoRegister: true },
      onBadRecord: 'dead-letter',
      deadLetterTopic: 'feature-archiver-dead-letters',
      httpPort: 8080,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        FEATURE_VIEWS: 'userstatistics',
        FEATURE_TOPICS: 'stats-copy',
        OFFLINE_STORE_DIR: '/data',
        ARCHIVER_GROUP_ID: 'g',
        ARCHIVE_FLUSH_ROWS: '10',
        ARCHIVE_FLUSH_INTERVAL_MS: '500',
        FEATURE_ROWS_FORMAT: 'raw',
        SCHEMA_REGISTRY_USERNAME: 'u',
        SCHEMA_REGISTRY_PASSWORD: 'p',
        SCHEMA_AUTO_REGISTER: 'false',
        ON_BAD_RECORD: 'fail',
        DEAD_LETTER_TOPIC: 'dl',
        HTTP_PORT: '0',
      }),
    ).toMatchObject({
      viewNames: ['userstatistics'],
      topics: ['stats-copy'],
      storeRoot: '/data',
      groupId: 'g',
      flushRows: 10,
      flushIntervalMs: 500,
      format: 'raw',
      schemaRegistry: { auth: { username: 'u', password: 'p' }, autoRegister: false },
      onBadRecord: 'fail',
      deadLetterTopic: 'dl',
      httpPort: 0,
    });
  });

  it('wants one topic per view in FEATURE_TOPICS', () => {
    expect(() => loadConfig({ FEATURE_TOPICS: 'only-one' })).toThrow(
      /FEATURE_TOPICS: expected one Kafka topic name per view/,
    );
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ ARCHIVE_FLUSH_ROWS: '0', FEATURE_ROWS_FORMAT: 'json', HTTP_PORT: 'x' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    expect((thrown as EnvConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'ARCHIVE_FLUSH_ROWS',
      'FEATURE_ROWS_FORMAT',
      'HTTP_PORT',
    ]);
  });
});
