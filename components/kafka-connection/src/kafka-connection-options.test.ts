import { describe, expect, it } from 'vitest';
import { KafkaConnectionError } from './errors';
import { validateKafkaConnectionOptions, type KafkaConnectionOptions } from './kafka-connection-options';

const valid: KafkaConnectionOptions = { brokers: ['localhost:9092'], clientId: 'card-features' };

function problemsOf(options: KafkaConnectionOptions): string {
  try {
    validateKafkaConnectionOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(KafkaConnectionError);
    expect(error).toMatchObject({ code: 'KAFKA_CONNECTION_INVALID_OPTIONS', domain: 'internal' });
    return (error as Error).message;
  }
  throw new Error('expected the options to be rejected');
}

describe('validateKafkaConnectionOptions()', () => {
  it('accepts brokers, a client id and SASL/SCRAM credentials', () => {
    expect(() =>
      validateKafkaConnectionOptions({
        ...valid,
        ssl: true,
        sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 's3cret' },
        connectionTimeoutMs: 5_000,
        retries: 0,
      }),
    ).not.toThrow();
  });

  it('lists every bad setting in one error', () => {
    const message = problemsOf({
      brokers: ['localhost', 'kafka:9092'],
      clientId: ' ',
      sasl: { mechanism: 'gssapi' as never, username: '', password: '' },
      connectionTimeoutMs: 0,
      retries: -1,
    });
    expect(message).toContain('"localhost" is not a "host:port" address');
    expect(message).not.toContain('"kafka:9092"');
    expect(message).toContain('clientId must be a non-empty string');
    expect(message).toContain('sasl.mechanism "gssapi"');
    expect(message).toContain('sasl.username');
    expect(message).toContain('sasl.password');
    expect(message).toContain('connectionTimeoutMs');
    expect(message).toContain('retries');
  });

  it('rejects an empty broker list', () => {
    expect(problemsOf({ ...valid, brokers: [] })).toContain('brokers must list at least one');
  });

  it('never quotes the password, even when other SASL settings are wrong', () => {
    const message = problemsOf({ ...valid, sasl: { mechanism: 'plain', username: '', password: 'hunter2-secret' } });
    expect(message).not.toContain('hunter2-secret');
  });
});
