import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as featureLookupApi from './index';

describe('@fp/feature-lookup-api interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(featureLookupApi).sort()).toEqual([
      'FeatureLookupApiError',
      'MAX_KEY_LENGTH',
      'MAX_LOOKUP_KEYS',
      'createLookupApi',
      'featureLookupApiErrorCodes',
      'serveLookupApi',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new featureLookupApi.FeatureLookupApiError('FEATURE_LOOKUP_API_INVALID_OPTIONS', 'bad options', {
      cause,
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'FeatureLookupApiError',
      code: 'FEATURE_LOOKUP_API_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
