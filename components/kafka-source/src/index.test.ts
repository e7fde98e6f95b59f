import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as kafkaSource from './index';

describe('@fp/kafka-source interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(kafkaSource).sort()).toEqual([
      'KafkaSourceError',
      'createBoundedKafkaSource',
      'createKafkaSource',
      'kafkaSourceErrorCodes',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new kafkaSource.KafkaSourceError('KAFKA_SOURCE_COMMIT_FAILED', 'commit failed', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'KafkaSourceError',
      code: 'KAFKA_SOURCE_COMMIT_FAILED',
      domain: 'external',
      retry: 'backoff',
      cause,
    });
  });
});
