import { EnvConfigError } from '@fp/env-config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const NOW_MS = Date.parse('2026-01-01T12:00:00Z');

function problemsOf(env: Record<string, string>, argv: string[]): string[] {
  try {
    loadConfig(env, argv, NOW_MS);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvConfigError);
    return [...(error as EnvConfigError).problems];
  }
  throw new Error('expected ENV_CONFIG_INVALID');
}

describe('loadConfig()', () => {
  it('generates transactions live at about 200 a second, Confluent-framed, seed 42, by default', () => {
    expect(loadConfig({}, ['transactions'], NOW_MS)).toMatchObject({
      generator: 'transactions',
      seed: 42,
      mode: { kind: 'live', ratePerSecond: 200 },
      transactionsFormat: 'confluent',
      topics: { transactions: 'credit_card_transactions' },
      createTopics: false,
    });
  });

  it('reads a bounded backfill from the command line, times as ISO-8601 or epoch ms', () => {
    const config = loadConfig(
      {},
      [
        'transactions',
        '--backfill',
        '--count',
        '5000',
        '--from',
        '2025-12-31T00:00:00Z',
        '--to',
        String(NOW_MS),
        '--format',
        'raw',
        '--seed',
        '7',
      ],
      NOW_MS,
    );
    expect(config).toMatchObject({
      seed: 7,
      transactionsFormat: 'raw',
      mode: { kind: 'backfill', count: 5000, fromMs: Date.parse('2025-12-31T00:00:00Z'), toMs: NOW_MS },
    });
  });

  it('backfills the hour before now when no range is given', () => {
    expect(loadConfig({ DATAGEN_MODE: 'backfill' }, ['flights'], NOW_MS).mode).toEqual({
      kind: 'backfill',
      count: 100_000,
      fromMs: NOW_MS - 3_600_000,
      toMs: NOW_MS,
    });
  });

  it('lets command-line options win over the environment', () => {
    const config = loadConfig(
      { GENERATOR: 'transactions', RATE_PER_SECOND: '5' },
      ['flights', '--rate', '20', '--create'],
      NOW_MS,
    );
    expect(config).toMatchObject({
      generator: 'flights',
      mode: { kind: 'live', ratePerSecond: 20 },
      createTopics: true,
    });
  });

  it('reports every bad option and variable at once', () => {
    const problems = problemsOf({ SEED: 'abc', KAFKA_SASL_USERNAME: 'u' }, [
      'boats',
      '--rate',
      '-1',
      '--to',
      'yesterday',
      '--wat',
    ]);
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      '--wat',
      'BACKFILL_TO',
      'GENERATOR',
      'KAFKA_SASL_MECHANISM',
      'RATE_PER_SECOND',
      'SEED',
    ]);
  });

  it('rejects an empty backfill range and --create for transactions', () => {
    const problems = problemsOf({}, ['transactions', '--create', '--backfill', '--from', '2000', '--to', '1000']);
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['BACKFILL_TO', 'CREATE_TOPICS']);
  });
});
