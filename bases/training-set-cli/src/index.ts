/**
 * @fp/training-set-cli: `npm run training-set`, a point-in-time training set from labels and the
 * offline store.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { configSchema, loadConfig, USAGE } from './config';
export type { TrainingSetCliConfig } from './config';
