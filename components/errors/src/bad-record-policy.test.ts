import { describe, expect, it } from 'vitest';
import { BAD_RECORD_POLICIES, isDataError } from './bad-record-policy';
import { PipelineError } from './pipeline-error';

describe('isDataError()', () => {
  it('is true only for pipeline errors of domain data', () => {
    expect(isDataError(new PipelineError('BAD_ROW', 'no id', { domain: 'data' }))).toBe(true);
    expect(isDataError(new PipelineError('BROKEN', 'bug', { domain: 'internal' }))).toBe(false);
    expect(isDataError(new PipelineError('DOWN', 'registry down', { domain: 'external' }))).toBe(false);
    expect(isDataError(Object.assign(new Error('looks like one'), { domain: 'data' }))).toBe(false);
  });
});

describe('BAD_RECORD_POLICIES', () => {
  it('names the policies by what they do, the stopping one first', () => {
    expect(BAD_RECORD_POLICIES).toEqual(['fail', 'skip', 'dead-letter']);
  });
});
