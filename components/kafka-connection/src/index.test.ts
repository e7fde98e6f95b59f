import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as kafkaConnection from './index';

describe('@fp/kafka-connection interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(kafkaConnection).sort()).toEqual(['KafkaConnectionError', 'kafkaConnectionErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new kafkaConnection.KafkaConnectionError('KAFKA_CONNECTION_INVALID_OPTIONS', 'bad options', {
      cause,
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'KafkaConnectionError',
      code: 'KAFKA_CONNECTION_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
