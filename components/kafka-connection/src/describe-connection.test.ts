import { describe, expect, it } from 'vitest';
import { describeConnection, REDACTED, redactSecrets } from './describe-connection';

const options = {
  brokers: ['b1:9093', 'b2:9093'],
  clientId: 'card-features',
  ssl: { key: '-----BEGIN PRIVATE KEY-----abc', passphrase: 'key-pass' },
  sasl: { mechanism: 'scram-sha-256' as const, username: 'svc', password: 'p@ss-w0rd' },
};

describe('describeConnection()', () => {
  it('keeps brokers, client id, SASL mechanism and user and redacts the password', () => {
    expect(describeConnection(options)).toEqual({
      brokers: ['b1:9093', 'b2:9093'],
      clientId: 'card-features',
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'svc', password: REDACTED },
    });
  });

  it('says ssl: false and omits sasl for a plaintext connection', () => {
    expect(describeConnection({ brokers: ['k:9092'], clientId: 'c' })).toEqual({
      brokers: ['k:9092'],
      clientId: 'c',
      ssl: false,
    });
  });

  it('contains no secret anywhere in its serialised form', () => {
    const text = JSON.stringify(describeConnection(options));
    expect(text).not.toContain('p@ss-w0rd');
    expect(text).not.toContain('key-pass');
    expect(text).not.toContain('PRIVATE KEY');
  });
});

describe('redactSecrets()', () => {
  it('replaces every occurrence of the password and TLS secrets', () => {
    expect(redactSecrets('auth p@ss-w0rd failed (p@ss-w0rd), passphrase key-pass', options)).toBe(
      `auth ${REDACTED} failed (${REDACTED}), passphrase ${REDACTED}`,
    );
  });

  it('leaves text unchanged when there are no secrets', () => {
    expect(redactSecrets('hello', { brokers: ['k:1'], clientId: 'c' })).toBe('hello');
  });
});
