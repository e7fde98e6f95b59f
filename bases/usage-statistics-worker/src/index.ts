/**
 * @fp/usage-statistics-worker: runs usage statistics (`flightdata` -> `userstatistics`, per email
 * over 1-minute windows, cumulative or windowed) on Kafka, streaming or bounded, with `/healthz`,
 * `/readyz` and `/metrics`.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { configShape, loadConfig } from './config';
export { runUsageStatisticsWorker } from './run-usage-statistics-worker';
export { buildTopology } from './topology';
export type { UsageStatisticsWorkerConfig } from './config';
export type { RunOptions } from './run-usage-statistics-worker';
