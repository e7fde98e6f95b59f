import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as sampleTransformations from './index';

describe('@fp/sample-transformations interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(sampleTransformations).sort()).toEqual([
      'SampleTransformationsError',
      'sampleTransformationsErrorCodes',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new sampleTransformations.SampleTransformationsError(
      'SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS',
      'bad options',
      { cause },
    );
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'SampleTransformationsError',
      code: 'SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
