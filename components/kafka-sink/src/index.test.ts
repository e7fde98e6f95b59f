import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as kafkaSink from './index';

describe('@fp/kafka-sink interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(kafkaSink).sort()).toEqual(['KafkaSinkError', 'kafkaSinkErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new kafkaSink.KafkaSinkError('KAFKA_SINK_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'KafkaSinkError',
      code: 'KAFKA_SINK_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
