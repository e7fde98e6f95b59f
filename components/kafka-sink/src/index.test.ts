import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as kafkaSink from './index';

describe('@fp/kafka-sink interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(kafkaSink).sort()).toEqual([
      'DEFAULT_LINGER_MS',
      'DEFAULT_MAX_BATCH_RECORDS',
      'DEFAULT_MAX_PARTITION_BATCH_BYTES',
      'DEFAULT_MAX_REQUEST_BYTES',
      'DEFAULT_SEND_RETRIES',
      'DEFAULT_TRANSACTION_TIMEOUT_MS',
      'KafkaSinkError',
      'SINK_COMPRESSIONS',
      'createKafkaSink',
      'createRecordBatcher',
      'createTransactionalKafkaSink',
      'kafkaSinkErrorCodes',
      'partitionForKey',
      'transactionalIdFor',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new kafkaSink.KafkaSinkError('KAFKA_SINK_SEND_FAILED', 'lost', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ name: 'KafkaSinkError', code: 'KAFKA_SINK_SEND_FAILED', domain: 'external', cause });
  });

  it('names one transactional id per input partition', () => {
    expect(kafkaSink.transactionalIdFor('card-features', 'transactions', 3)).toBe('card-features-transactions-3');
  });

  it('rejects send() outside a transaction with KAFKA_SINK_TRANSACTION_STATE', () => {
    const sink = kafkaSink.createTransactionalKafkaSink({
      connection: { brokers: ['127.0.0.1:1'], clientId: 'c' },
      transactionalId: 'tx-1',
    });
    expect(() => sink.send({ topic: 't', key: null, value: 'v' })).toThrow(
      expect.objectContaining({ code: 'KAFKA_SINK_TRANSACTION_STATE' }),
    );
  });

  it('refuses send() after close() with KAFKA_SINK_CLOSED', async () => {
    const sink = kafkaSink.createKafkaSink({ connection: { brokers: ['127.0.0.1:1'], clientId: 'c' } });
    await sink.close();
    expect(() => sink.send({ topic: 't', key: null, value: 'v' })).toThrow(
      expect.objectContaining({ code: 'KAFKA_SINK_CLOSED' }),
    );
  });
});
