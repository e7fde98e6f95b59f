import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as kafkaConnection from './index';

describe('@fp/kafka-connection interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(kafkaConnection).sort()).toEqual([
      'DEFAULT_CONNECTION_CHECK_TIMEOUT_MS',
      'DEFAULT_CONNECTION_TIMEOUT_MS',
      'DEFAULT_INITIAL_RETRY_TIME_MS',
      'DEFAULT_MAX_RETRY_TIME_MS',
      'DEFAULT_REQUEST_TIMEOUT_MS',
      'DEFAULT_RETRIES',
      'KafkaConnectionError',
      'REDACTED',
      'SASL_MECHANISMS',
      'checkKafkaConnection',
      'classifyKafkaFailure',
      'createKafkaClient',
      'describeConnection',
      'describeKafkaFailure',
      'dropAbortedRecords',
      'installReadCommittedFix',
      'kafkaConnectionErrorCodes',
      'levelForKafkaLog',
      'redactSecrets',
      'validateKafkaConnectionOptions',
    ]);
  });

  it('classifies bad options as an internal error carrying its cause', () => {
    const cause = new Error('root cause');
    const error = new kafkaConnection.KafkaConnectionError('KAFKA_CONNECTION_INVALID_OPTIONS', 'bad', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ code: 'KAFKA_CONNECTION_INVALID_OPTIONS', domain: 'internal', retry: 'none', cause });
  });

  it('builds a kafkajs client from validated options', () => {
    const kafka = kafkaConnection.createKafkaClient({ brokers: ['localhost:9092'], clientId: 'c' });
    expect(typeof kafka.producer).toBe('function');
  });
});
