/**
 * @fp/feature-archiver-worker: archives feature topics into the offline store (Parquet), as a
 * consumer group that commits offsets only once rows are durable.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { configShape, DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_FLUSH_ROWS, featureRowFormats, loadConfig } from './config';
export { runFeatureArchiverWorker } from './run-feature-archiver-worker';
export type { FeatureArchiverWorkerConfig } from './config';
export type { RunningArchiver } from './run-feature-archiver-worker';
