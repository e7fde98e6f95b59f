import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as topology from './index';

describe('@fp/topology interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(topology).sort()).toEqual([
      'KeyedStream',
      'Stream',
      'Table',
      'TopologyError',
      'WindowedStream',
      'WindowedTable',
      'createTopology',
      'topologyErrorCodes',
      'v8Serde',
      'windowedKeySerde',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new topology.TopologyError('TOPOLOGY_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'TopologyError',
      code: 'TOPOLOGY_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
