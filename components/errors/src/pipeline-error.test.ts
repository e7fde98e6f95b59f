import { describe, expect, it } from 'vitest';
import { isPipelineError, PipelineError } from './pipeline-error';

class ExampleError extends PipelineError<'EXAMPLE_BROKEN'> {}

describe('PipelineError', () => {
  it('names itself after the concrete subclass and keeps code, domain and cause', () => {
    const cause = new Error('disk full');
    const error = new ExampleError('EXAMPLE_BROKEN', 'could not write', { domain: 'external', retry: 'backoff', cause });
    expect(error.name).toBe('ExampleError');
    expect(error).toMatchObject({ code: 'EXAMPLE_BROKEN', domain: 'external', retry: 'backoff', cause });
    expect(error.stack).toContain('could not write');
  });

  it('defaults the retry hint to none', () => {
    expect(new PipelineError('X', 'm', { domain: 'data' }).retry).toBe('none');
  });

  it('is recognised by isPipelineError, plain errors are not', () => {
    expect(isPipelineError(new ExampleError('EXAMPLE_BROKEN', 'm', { domain: 'internal' }))).toBe(true);
    expect(isPipelineError(new Error('m'))).toBe(false);
    expect(isPipelineError('EXAMPLE_BROKEN')).toBe(false);
  });
});
