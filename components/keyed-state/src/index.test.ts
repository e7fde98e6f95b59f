import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as keyedState from './index';

describe('@fp/keyed-state interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(keyedState).sort()).toEqual(['KeyedStateError', 'keyedStateErrorCodes']);
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
});
