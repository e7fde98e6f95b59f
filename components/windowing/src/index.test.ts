import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as windowing from './index';

describe('@fp/windowing interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(windowing).sort()).toEqual(['WindowingError', 'windowingErrorCodes']);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new windowing.WindowingError('WINDOWING_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'WindowingError',
      code: 'WINDOWING_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
