/**
 * @fp/backfill-cli: `npm run backfill`, a shipped pipeline run bounded over historical Parquet or
 * CSV files, its view's rows archived in the offline store.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { configSchema, loadConfig, USAGE } from './config';
export { backfillPipelines } from './pipelines';
export { runBackfill } from './run-backfill';

export type { BackfillCliConfig } from './config';
export type { BackfillPipeline, BackfillPipelineInput } from './pipelines';
export type { BackfillRun } from './run-backfill';
