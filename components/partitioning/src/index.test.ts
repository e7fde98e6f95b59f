import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as partitioning from './index';

describe('@fp/partitioning interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(partitioning).sort()).toEqual([
      'PartitioningError',
      'murmur2',
      'partitionForKey',
      'partitioningErrorCodes',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new partitioning.PartitioningError('PARTITIONING_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'PartitioningError',
      code: 'PARTITIONING_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
