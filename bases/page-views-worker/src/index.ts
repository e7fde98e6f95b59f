/**
 * @fp/page-views-worker: Runs the page-views pipeline on Kafka, streaming or bounded, with an ops HTTP server.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { configShape, loadConfig } from './config';
export { runPageViewsWorker } from './run-page-views-worker';
export { buildTopology } from './topology';
export type { PageViewsWorkerConfig } from './config';
export type { RunOptions } from './run-page-views-worker';
