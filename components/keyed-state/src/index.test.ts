import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as keyedState from './index';

describe('@fp/keyed-state interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(keyedState).sort()).toEqual([
      'DEFAULT_CACHE_ENTRIES',
      'KeyedStateError',
      'TIME_KEY_DIGITS',
      'compareKeys',
      'createMemoryStorage',
      'createMemoryStore',
      'keyedStateErrorCodes',
      'openLevelStore',
      'parseTimeKeyMs',
      'plainDataStateCodec',
      'timeKey',
      'v8StateCodec',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new keyedState.KeyedStateError('KEYED_STATE_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'KeyedStateError',
      code: 'KEYED_STATE_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });

  it('runs a checkpoint and a restore through the public interface', async () => {
    const store = keyedState.createMemoryStore<{ count: number }>();
    store.put('card-1', { count: 1 });
    const changelog = store.dirtyEntries();
    await store.commit({ 'transactions-0': '41' });
    const restored = keyedState.createMemoryStore<{ count: number }>();
    await restored.restore(changelog, store.committedMetadata());
    expect(restored.get('card-1')).toEqual({ count: 1 });
    expect(await restored.readMetadata()).toEqual({ 'transactions-0': '41' });
  });
});
