import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as kafkaAdmin from './index';

describe('@fp/kafka-admin interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(kafkaAdmin).sort()).toEqual([
      'KafkaAdminError',
      'createKafkaAdmin',
      'kafkaAdminErrorCodes',
      'validateTopicSpecs',
    ]);
  });

  it('classifies a partition mismatch as internal (not retriable) and a failed request as external', () => {
    const cause = new Error('root cause');
    expect(new kafkaAdmin.KafkaAdminError('KAFKA_ADMIN_PARTITION_MISMATCH', 'm', { cause })).toMatchObject({
      domain: 'internal',
      retry: 'none',
      cause,
    });
    const failed = new kafkaAdmin.KafkaAdminError('KAFKA_ADMIN_REQUEST_FAILED', 'f');
    expect(failed).toBeInstanceOf(PipelineError);
    expect(failed).toMatchObject({ name: 'KafkaAdminError', domain: 'external', retry: 'backoff' });
  });

  it('wraps a failed request in KAFKA_ADMIN_REQUEST_FAILED without leaking the password', async () => {
    const admin = kafkaAdmin.createKafkaAdmin({
      connection: {
        brokers: ['127.0.0.1:1'],
        clientId: 'admin-test',
        sasl: { mechanism: 'plain', username: 'u', password: 'admin-secret-123' },
        retries: 0,
        connectionTimeoutMs: 500,
      },
    });
    const error = await admin.fetchEndOffsets('t').catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'KAFKA_ADMIN_REQUEST_FAILED' });
    expect((error as Error).message).toContain('fetchEndOffsets(t) failed');
    expect((error as Error).message).not.toContain('admin-secret-123');
  });
});
