/**
 * @fp/feature-server-worker: the online feature server. It materialises the configured feature
 * views (`FEATURE_VIEWS`) into LevelDB as a full replica of their topics and serves lookups over
 * HTTP (`@fp/feature-lookup-api`).
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { avroFormats, configShape, loadConfig } from './config';
export { servableViews } from './served-views';
export { startFeatureServer } from './start-feature-server';
export type { AvroFormat, FeatureServerConfig, ServedViewConfig } from './config';
export type { FeatureServer, StartOptions } from './start-feature-server';
