import { undocumentedErrorCodes } from '@fp/errors/testing';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageViewsErrorCodes } from './errors';

describe('pageViewsErrorCodes', () => {
  it('are all documented in the README errors table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(undocumentedErrorCodes(pageViewsErrorCodes, readme)).toEqual([]);
  });
});
