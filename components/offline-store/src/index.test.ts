import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as offlineStore from './index';

describe('@fp/offline-store interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(offlineStore).sort()).toEqual([
      'OfflineStoreError',
      'buildTrainingSet',
      'offlineColumns',
      'offlineStoreErrorCodes',
      'openOfflineStore',
      'parseDurationMs',
      'parsePartFileName',
      'readTableFile',
      'viewDirectory',
      'viewGlob',
      'writeTableFile',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new offlineStore.OfflineStoreError('OFFLINE_STORE_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'OfflineStoreError',
      code: 'OFFLINE_STORE_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
