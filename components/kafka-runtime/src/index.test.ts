import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as kafkaRuntime from './index';

describe('@fp/kafka-runtime interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(kafkaRuntime).sort()).toEqual([
      'DEFAULT_COMMIT_INTERVAL_MS',
      'DEFAULT_MAX_BYTES_PER_PARTITION',
      'DEFAULT_MAX_PENDING_OUTPUT_RECORDS',
      'KafkaRuntimeError',
      'checkRetention',
      'ensureOutputTopics',
      'inputTopicsOf',
      'kafkaRuntimeErrorCodes',
      'outputTopicsOf',
      'runBounded',
      'runStreaming',
      'validateRunOptions',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new kafkaRuntime.KafkaRuntimeError('KAFKA_RUNTIME_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'KafkaRuntimeError',
      code: 'KAFKA_RUNTIME_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
