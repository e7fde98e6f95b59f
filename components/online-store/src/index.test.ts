import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as onlineStore from './index';

describe('@fp/online-store interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(onlineStore).sort()).toEqual([
      'OnlineStoreError',
      'onlineStoreErrorCodes',
      'openOnlineStore',
      'openViewStore',
      'replacesLatest',
      'storedRowCodec',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new onlineStore.OnlineStoreError('ONLINE_STORE_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'OnlineStoreError',
      code: 'ONLINE_STORE_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
