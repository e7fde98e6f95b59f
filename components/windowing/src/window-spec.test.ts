import { describe, expect, it } from 'vitest';
import { WindowingError } from './errors';
import { hopping, session, tumbling } from './window-spec';

function codeOf(build: () => unknown): string | undefined {
  try {
    build();
  } catch (error) {
    return error instanceof WindowingError ? error.code : 'not a WindowingError';
  }
  return undefined;
}

describe('tumbling()', () => {
  it('returns frozen data with offsetMs defaulting to 0', () => {
    const spec = tumbling({ sizeMs: 60_000, allowedLatenessMs: 0 });
    expect(spec).toEqual({ kind: 'tumbling', sizeMs: 60_000, offsetMs: 0, allowedLatenessMs: 0 });
    expect(Object.isFrozen(spec)).toBe(true);
  });

  it.each([
    ['sizeMs = 0', { sizeMs: 0, allowedLatenessMs: 0 }],
    ['a fractional sizeMs', { sizeMs: 1.5, allowedLatenessMs: 0 }],
    ['a negative allowedLatenessMs', { sizeMs: 10, allowedLatenessMs: -1 }],
    ['a missing allowedLatenessMs', { sizeMs: 10 }],
    ['|offsetMs| = sizeMs', { sizeMs: 10, offsetMs: -10, allowedLatenessMs: 0 }],
  ])('rejects %s with WINDOWING_INVALID_SPEC', (_case, options) => {
    expect(codeOf(() => tumbling(options as never))).toBe('WINDOWING_INVALID_SPEC');
  });

  it('names the option, the value and the fix in the message', () => {
    expect(() => tumbling({ sizeMs: 10 } as never)).toThrow(
      /tumbling\(\): allowedLatenessMs must be an integer .* got undefined .*pass 0/,
    );
  });
});

describe('hopping()', () => {
  it('accepts an advance that does not divide the size', () => {
    expect(hopping({ sizeMs: 10, advanceMs: 4, allowedLatenessMs: 5 })).toEqual({
      kind: 'hopping',
      sizeMs: 10,
      advanceMs: 4,
      offsetMs: 0,
      allowedLatenessMs: 5,
    });
  });

  it('accepts advanceMs = sizeMs (tumbling windows)', () => {
    expect(hopping({ sizeMs: 10, advanceMs: 10, allowedLatenessMs: 0 }).advanceMs).toBe(10);
  });

  it.each([
    ['advanceMs > sizeMs', { sizeMs: 10, advanceMs: 11, allowedLatenessMs: 0 }],
    ['advanceMs = 0', { sizeMs: 10, advanceMs: 0, allowedLatenessMs: 0 }],
    ['|offsetMs| = advanceMs', { sizeMs: 10, advanceMs: 5, offsetMs: 5, allowedLatenessMs: 0 }],
    ['a missing allowedLatenessMs', { sizeMs: 10, advanceMs: 5 }],
  ])('rejects %s with WINDOWING_INVALID_SPEC', (_case, options) => {
    expect(codeOf(() => hopping(options as never))).toBe('WINDOWING_INVALID_SPEC');
  });

  it('says which bound advanceMs broke', () => {
    expect(() => hopping({ sizeMs: 10, advanceMs: 11, allowedLatenessMs: 0 })).toThrow(
      'hopping(): advanceMs must be an integer number of milliseconds in [1, sizeMs = 10], got 11',
    );
  });
});

describe('session()', () => {
  it('returns frozen data', () => {
    const spec = session({ gapMs: 30_000, allowedLatenessMs: 1_000 });
    expect(spec).toEqual({ kind: 'session', gapMs: 30_000, allowedLatenessMs: 1_000 });
    expect(Object.isFrozen(spec)).toBe(true);
  });

  it.each([
    ['gapMs = 0', { gapMs: 0, allowedLatenessMs: 0 }],
    ['gapMs = Infinity', { gapMs: Number.POSITIVE_INFINITY, allowedLatenessMs: 0 }],
    ['a missing allowedLatenessMs', { gapMs: 10 }],
  ])('rejects %s with WINDOWING_INVALID_SPEC', (_case, options) => {
    expect(codeOf(() => session(options as never))).toBe('WINDOWING_INVALID_SPEC');
  });
});
