import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as featureViews from './index';

describe('@fp/feature-views interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(featureViews).sort()).toEqual([
      'FeatureViewsError',
      'availableAtMs',
      'defineFeatureView',
      'entityKeyOf',
      'featureRowEncodings',
      'featureViewsErrorCodes',
      'plainRowSerde',
      'windowEndOf',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new featureViews.FeatureViewsError('FEATURE_VIEWS_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'FeatureViewsError',
      code: 'FEATURE_VIEWS_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
