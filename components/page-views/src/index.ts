/**
 * @fp/page-views: Page views per user in 5-minute windows: the tutorial's pipeline.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { PAGE_VIEWS_ALLOWED_LATENESS_MS, PAGE_VIEWS_WINDOW_MS, buildPageViewsTopology } from './page-views-topology';
export { pageViewsEventSchema, pageViewsRowSchema } from './page-views-records';
export { PageViewsError, pageViewsErrorCodes } from './errors';
export type { PageViewsTopologyOptions } from './page-views-topology';
export type { PageViewsEvent, PageViewsRow } from './page-views-records';
export type { PageViewsErrorCode } from './errors';
