import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as onlineStoreKafka from './index';

describe('@fp/online-store-kafka interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(onlineStoreKafka).sort()).toEqual([
      'DEFAULT_COMMIT_INTERVAL_MS',
      'DEFAULT_MAX_UNCOMMITTED_ROWS',
      'OnlineStoreKafkaError',
      'onlineStoreKafkaErrorCodes',
      'startOnlineStoreReplica',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new onlineStoreKafka.OnlineStoreKafkaError('ONLINE_STORE_KAFKA_INVALID_OPTIONS', 'bad options', {
      cause,
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'OnlineStoreKafkaError',
      code: 'ONLINE_STORE_KAFKA_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
