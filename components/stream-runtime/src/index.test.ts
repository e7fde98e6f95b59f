import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as streamRuntime from './index';
import * as internal from './internal';

describe('@fp/stream-runtime interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(streamRuntime).sort()).toEqual([
      'InProcessCluster',
      'StreamRuntimeError',
      'runLocal',
      'streamRuntimeErrorCodes',
    ]);
  });

  it("exports the Kafka runtime's building blocks from the internal entry point only", () => {
    expect(Object.keys(internal).sort()).toEqual([
      'createTask',
      'planPartitions',
      'repartitionWriterOf',
      'sumCounters',
      'upstreamTaskCount',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new streamRuntime.StreamRuntimeError('STREAM_RUNTIME_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'StreamRuntimeError',
      code: 'STREAM_RUNTIME_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
