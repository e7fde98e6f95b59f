import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig()', () => {
  it('applies the defaults: Confluent Avro, the Hopsworks topics, BACKWARD subjects registered at start', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      worker: expect.objectContaining({
        applicationId: 'card-transactions-10m-agg',
        deadLetterTopic: 'card-transactions-10m-agg-dead-letters',
        mode: 'streaming',
      }),
      topics: { transactions: 'credit_card_transactions', features: 'card_transactions_10m_agg' },
      format: 'confluent',
      schemaRegistry: { url: 'http://localhost:8081/apis/ccompat/v7', compatibility: 'BACKWARD', autoRegister: true },
    });
  });

  it('reads the format, topics, late topic and registry settings', () => {
    const config = loadConfig({
      CARD_TRANSACTIONS_FORMAT: 'raw',
      TRANSACTIONS_TOPIC: 'tx',
      FEATURES_TOPIC: 'agg',
      LATE_TOPIC: 'late',
      SCHEMA_REGISTRY_URL: 'https://registry:8081',
      SCHEMA_REGISTRY_USERNAME: 'u',
      SCHEMA_REGISTRY_PASSWORD: 'p',
      SCHEMA_REGISTRY_COMPATIBILITY: 'NONE',
      SCHEMA_AUTO_REGISTER: 'false',
    });
    expect(config).toMatchObject({
      format: 'raw',
      topics: { transactions: 'tx', features: 'agg' },
      lateTopic: 'late',
      schemaRegistry: {
        url: 'https://registry:8081',
        auth: { username: 'u', password: 'p' },
        compatibility: 'NONE',
        autoRegister: false,
      },
    });
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ CARD_TRANSACTIONS_FORMAT: 'json', SCHEMA_REGISTRY_URL: 'not a url', COMMIT_INTERVAL_MS: '0' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    expect((thrown as EnvConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'CARD_TRANSACTIONS_FORMAT',
      'COMMIT_INTERVAL_MS',
      'SCHEMA_REGISTRY_URL',
    ]);
  });
});
