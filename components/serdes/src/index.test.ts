import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as serdes from './index';

describe('@fp/serdes interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(serdes).sort()).toEqual(['SerdesError', 'serdesErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new serdes.SerdesError('SERDES_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'SerdesError',
      code: 'SERDES_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
