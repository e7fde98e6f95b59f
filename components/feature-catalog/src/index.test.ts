import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as featureCatalog from './index';

describe('@fp/feature-catalog interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(featureCatalog).sort()).toEqual([
      'FeatureCatalogError',
      'featureCatalogErrorCodes',
      'featureViewsNamed',
      'shippedFeatureViews',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new featureCatalog.FeatureCatalogError('FEATURE_CATALOG_UNKNOWN_VIEW', 'unknown view', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'FeatureCatalogError',
      code: 'FEATURE_CATALOG_UNKNOWN_VIEW',
      domain: 'internal',
      retry: 'none',
      message: 'unknown view',
      cause,
    });
  });
});
