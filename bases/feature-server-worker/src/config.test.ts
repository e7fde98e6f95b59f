import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig()', () => {
  it('serves both shipped views from their own topics by default, card features as Confluent Avro', () => {
    const config = loadConfig({});
    expect(config.views.map(({ view, topic, format }) => ({ name: view.name, topic, format }))).toEqual([
      { name: 'card_transactions_10m_agg', topic: 'card_transactions_10m_agg', format: 'confluent' },
      { name: 'userstatistics', topic: 'userstatistics', format: undefined },
    ]);
    expect(config).toMatchObject({
      connection: { brokers: ['localhost:9092'], clientId: 'feature-server' },
      stateDir: './state',
      port: 8080,
      host: '0.0.0.0',
      commitIntervalMs: 1_000,
      logLevel: 'info',
      schemaRegistry: { url: 'http://localhost:8081/apis/ccompat/v7', autoRegister: true },
    });
  });

  it('reads the views, a topic override and the Avro format of each view', () => {
    const config = loadConfig({
      FEATURE_VIEWS: ' card_transactions_10m_agg ',
      CARD_TRANSACTIONS_10M_AGG_TOPIC: 'card-features-v2',
      CARD_TRANSACTIONS_10M_AGG_FORMAT: 'raw',
      KAFKA_BROKERS: 'a:9092, b:9092',
      HTTP_PORT: '0',
    });
    expect(config.views).toHaveLength(1);
    expect(config.views[0]).toMatchObject({ topic: 'card-features-v2', format: 'raw' });
    expect(config.connection.brokers).toEqual(['a:9092', 'b:9092']);
    expect(config.port).toBe(0);
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({
        FEATURE_VIEWS: 'card_transactions_10m_agg,nope',
        USERSTATISTICS_TOPIC: 'bad topic!',
        CARD_TRANSACTIONS_10M_AGG_FORMAT: 'protobuf',
        HTTP_PORT: 'http',
        SCHEMA_REGISTRY_URL: 'not a url',
        COMMIT_INTERVAL_MS: '-1',
        KAFKA_SASL_USERNAME: 'me',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    expect((thrown as EnvConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'CARD_TRANSACTIONS_10M_AGG_FORMAT',
      'COMMIT_INTERVAL_MS',
      'FEATURE_VIEWS',
      'HTTP_PORT',
      'KAFKA_SASL_MECHANISM',
      'SCHEMA_REGISTRY_URL',
      'USERSTATISTICS_TOPIC',
    ]);
    expect((thrown as EnvConfigError).message).toMatch(/FEATURE_VIEWS: .*card_transactions_10m_agg, userstatistics/);
  });

  it('refuses a view named twice', () => {
    expect(() => loadConfig({ FEATURE_VIEWS: 'userstatistics,userstatistics' })).toThrow(/named twice/);
  });
});
