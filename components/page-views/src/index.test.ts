import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as pageViews from './index';

describe('@fp/page-views interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(pageViews).sort()).toEqual(
      [
        'PageViewsError',
        'PAGE_VIEWS_ALLOWED_LATENESS_MS',
        'PAGE_VIEWS_WINDOW_MS',
        'buildPageViewsTopology',
        'pageViewsErrorCodes',
        'pageViewsEventSchema',
        'pageViewsRowSchema',
      ].sort(),
    );
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new pageViews.PageViewsError('PAGE_VIEWS_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ code: 'PAGE_VIEWS_INVALID_OPTIONS', domain: 'internal', cause });
  });
});
