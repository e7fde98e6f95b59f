import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as joins from './index';

describe('@fp/joins interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(joins).sort()).toEqual(['JoinsError', 'joinsErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new joins.JoinsError('JOINS_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'JoinsError',
      code: 'JOINS_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
