import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as featureArchiving from './index';

describe('@fp/feature-archiving interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(featureArchiving).sort()).toEqual([
      'FeatureArchivingError',
      'backfillFromFiles',
      'featureArchivingErrorCodes',
      'startFeatureArchiver',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new featureArchiving.FeatureArchivingError('FEATURE_ARCHIVING_INVALID_OPTIONS', 'bad options', {
      cause,
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'FeatureArchivingError',
      code: 'FEATURE_ARCHIVING_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
