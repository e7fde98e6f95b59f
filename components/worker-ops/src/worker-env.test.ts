import { EnvConfigError } from '@fp/env-config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWorkerEnv, workerEnvShape, workerSettingsFromEnv } from './worker-env';

const shape = {
  ...workerEnvShape({ clientId: 'cards-worker', applicationId: 'cards' }),
  INPUT_TOPIC: z.string().default('input').describe('a topic name'),
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseWorkerEnv(shape, env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvConfigError);
    return (error as EnvConfigError).problems;
  }
  throw new Error('expected ENV_CONFIG_INVALID');
}

describe('parseWorkerEnv() + workerSettingsFromEnv()', () => {
  it('applies every default when nothing is set', () => {
    const env = parseWorkerEnv(shape, {});
    expect(env.INPUT_TOPIC).toBe('input');
    expect(workerSettingsFromEnv(env)).toEqual({
      connection: { brokers: ['localhost:9092'], clientId: 'cards-worker' },
      startupTimeoutMs: 30_000,
      applicationId: 'cards',
      stateDir: './state',
      commitIntervalMs: 5000,
      guarantee: 'at-least-once',
      mode: 'streaming',
      bounded: {},
      onBadRecord: 'dead-letter',
      deadLetterTopic: 'cards-dead-letters',
      httpPort: 8080,
      logLevel: 'info',
      shutdownTimeoutMs: 25_000,
      sessionTimeoutMs: 30_000,
      streamThreads: 1,
    });
  });

  it('reads every variable', () => {
    const env = parseWorkerEnv(shape, {
      KAFKA_BROKERS: 'a:9092, b:9093',
      KAFKA_CLIENT_ID: 'me',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'user',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_STARTUP_TIMEOUT_MS: '5000',
      APPLICATION_ID: 'cards-v2',
      STATE_DIR: '/var/lib/fp',
      COMMIT_INTERVAL_MS: '1000',
      PROCESSING_GUARANTEE: 'exactly-once',
      MODE: 'bounded',
      BOUNDED_FROM_MS: '1000',
      BOUNDED_TO_MS: '2000',
      ON_BAD_RECORD: 'skip',
      DEAD_LETTER_TOPIC: 'dlq',
      HTTP_PORT: '0',
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT_MS: '10000',
      SESSION_TIMEOUT_MS: '10000',
      STREAM_THREADS: '2',
    });
    expect(workerSettingsFromEnv(env)).toEqual({
      connection: {
        brokers: ['a:9092', 'b:9093'],
        clientId: 'me',
        ssl: true,
        sasl: { mechanism: 'scram-sha-512', username: 'user', password: 'secret' },
      },
      startupTimeoutMs: 5_000,
      applicationId: 'cards-v2',
      stateDir: '/var/lib/fp',
      commitIntervalMs: 1000,
      guarantee: 'exactly-once',
      mode: 'bounded',
      bounded: { fromMs: 1000, toMs: 2000 },
      onBadRecord: 'skip',
      deadLetterTopic: 'dlq',
      httpPort: 0,
      logLevel: 'debug',
      shutdownTimeoutMs: 10_000,
      sessionTimeoutMs: 10_000,
      streamThreads: 2,
    });
  });

  it('runs bounded when --bounded is on the command line, whatever MODE says', () => {
    const env = parseWorkerEnv(shape, { MODE: 'streaming' });
    expect(workerSettingsFromEnv(env, ['node', 'main.cjs', '--bounded']).mode).toBe('bounded');
  });

  it('reads a CA file into the TLS options', () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'worker-env-')), 'ca.pem');
    writeFileSync(caFile, 'PEM');
    const env = parseWorkerEnv(shape, { KAFKA_SSL_CA_FILE: caFile });
    expect(workerSettingsFromEnv(env).connection.ssl).toEqual({ ca: ['PEM'] });
  });

  it('reports every bad variable at once, field rules and cross-variable rules together', () => {
    const problems = problemsOf({
      KAFKA_BROKERS: 'not a broker list',
      MODE: 'turbo',
      PROCESSING_GUARANTEE: 'exactly-twice',
      HTTP_PORT: '70000',
      COMMIT_INTERVAL_MS: '-1',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SSL_CA_FILE: '/does/not/exist.pem',
      BOUNDED_FROM_MS: '5',
      BOUNDED_TO_MS: '5',
      SESSION_TIMEOUT_MS: '1000',
      STREAM_THREADS: '0',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'KAFKA_BROKERS',
      'COMMIT_INTERVAL_MS',
      'PROCESSING_GUARANTEE',
      'MODE',
      'HTTP_PORT',
      'SESSION_TIMEOUT_MS',
      'STREAM_THREADS',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
      'KAFKA_SSL_CA_FILE',
      'BOUNDED_TO_MS',
    ]);
  });

  it('asks for a SASL mechanism when only a user or password is given, never echoing the password', () => {
    const problems = problemsOf({ KAFKA_SASL_PASSWORD: 'hunter2-secret' });
    expect(problems).toEqual(['KAFKA_SASL_MECHANISM: required when a SASL user or password is set']);
    expect(problems.join()).not.toContain('hunter2');
  });

  it.each([
    'not a broker list',
    'kafka',
    'kafka:',
    'kafka:0',
    'kafka:70000',
    'kafka:9092,,b',
    'http://kafka:9092',
    ',',
  ])('rejects KAFKA_BROKERS=%j, saying what a broker list looks like', (brokers) => {
    expect(problemsOf({ KAFKA_BROKERS: brokers })).toEqual([
      'KAFKA_BROKERS: not a list of host:port broker addresses (expected comma-separated host:port list, e.g. kafka-1:9092,kafka-2:9092)',
    ]);
  });

  it.each([
    ['kafka-1:9092,kafka-2:9093', ['kafka-1:9092', 'kafka-2:9093']],
    [' 127.0.0.1:9092 ', ['127.0.0.1:9092']],
    ['[::1]:9092', ['[::1]:9092']],
    ['broker.internal.example.com:19092', ['broker.internal.example.com:19092']],
  ])('accepts KAFKA_BROKERS=%j', (brokers, expected) => {
    expect(workerSettingsFromEnv(parseWorkerEnv(shape, { KAFKA_BROKERS: brokers })).connection.brokers).toEqual(
      expected,
    );
  });

  it('rejects an application id that cannot name a consumer group or directory', () => {
    expect(problemsOf({ APPLICATION_ID: 'cards/../x' })[0]).toMatch(/^APPLICATION_ID: /);
  });
});
