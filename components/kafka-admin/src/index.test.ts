import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as kafkaAdmin from './index';

describe('@fp/kafka-admin interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(kafkaAdmin).sort()).toEqual(['KafkaAdminError', 'kafkaAdminErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new kafkaAdmin.KafkaAdminError('KAFKA_ADMIN_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'KafkaAdminError',
      code: 'KAFKA_ADMIN_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
