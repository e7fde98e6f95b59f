import { describe, expect, it } from 'vitest';
import * as errors from './index';

describe('@fp/errors interface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(errors).sort()).toEqual(['BAD_RECORD_POLICIES', 'PipelineError', 'isDataError', 'isPipelineError', 'toError']);
  });
});
