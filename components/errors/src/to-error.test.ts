import { describe, expect, it } from 'vitest';
import { toError } from './to-error';

describe('toError()', () => {
  it('returns errors unchanged', () => {
    const error = new TypeError('boom');
    expect(toError(error)).toBe(error);
  });

  it('turns a thrown string into its message, keeping the original as cause', () => {
    const error = toError('boom');
    expect(error.message).toBe('boom');
    expect(error.cause).toBe('boom');
  });

  it('describes a thrown object, and survives one that cannot be serialised', () => {
    expect(toError({ status: 503 }).message).toBe('non-error thrown: {"status":503}');
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(toError(circular).message).toBe('non-error thrown: [object Object]');
  });
});
