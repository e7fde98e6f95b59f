import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { EnvConfigError } from './errors';
import { parseEnv } from './parse-env';

const schema = z.object({
  KAFKA_BROKERS: z.string().describe('a comma-separated list of host:port'),
  COMMIT_INTERVAL_MS: z.coerce.number().int().positive().default(5000).describe('a positive integer of milliseconds'),
  MODE: z.enum(['streaming', 'bounded']).default('streaming'),
  SASL_PASSWORD: z.string().min(12).optional(),
});

describe('parseEnv()', () => {
  it('returns typed values with defaults applied', () => {
    const config = parseEnv(schema, { KAFKA_BROKERS: 'localhost:9092', OTHER: 'ignored' });
    expect(config).toEqual({ KAFKA_BROKERS: 'localhost:9092', COMMIT_INTERVAL_MS: 5000, MODE: 'streaming' });
  });

  it('treats an empty variable as unset, so the default applies', () => {
    expect(parseEnv(schema, { KAFKA_BROKERS: 'b:1', COMMIT_INTERVAL_MS: '' }).COMMIT_INTERVAL_MS).toBe(5000);
  });

  it('reports every bad variable at once, by name and with what was expected', () => {
    let thrown: unknown;
    try {
      parseEnv(schema, { COMMIT_INTERVAL_MS: '-3', MODE: 'turbo' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvConfigError);
    const error = thrown as EnvConfigError;
    expect(error.code).toBe('ENV_CONFIG_INVALID');
    expect(error.problems).toHaveLength(3);
    expect(error.problems[0]).toMatch(/^KAFKA_BROKERS: .*\(expected a comma-separated list of host:port\)$/);
    expect(error.problems[1]).toMatch(/^COMMIT_INTERVAL_MS: .*expected a positive integer of milliseconds/);
    expect(error.problems[2]).toMatch(/^MODE: /);
    expect(error.message).toContain('3 problems');
  });

  it('never echoes a value, which may be a secret', () => {
    expect(() => parseEnv(schema, { KAFKA_BROKERS: 'b:1', SASL_PASSWORD: 'hunter2' })).toThrow(EnvConfigError);
    try {
      parseEnv(schema, { KAFKA_BROKERS: 'b:1', SASL_PASSWORD: 'hunter2' });
    } catch (error) {
      expect(String((error as Error).message)).toContain('SASL_PASSWORD');
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });
});
