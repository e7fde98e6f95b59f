import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as featureClient from './index';

describe('@fp/feature-client interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(featureClient).sort()).toEqual([
      'FeatureClientError',
      'createFeatureClient',
      'featureClientErrorCodes',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new featureClient.FeatureClientError('FEATURE_CLIENT_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'FeatureClientError',
      code: 'FEATURE_CLIENT_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
