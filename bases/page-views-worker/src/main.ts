import { runWorkerProcess } from '@fp/worker-ops';
import { loadConfig } from './config';
import { runPageViewsWorker } from './run-page-views-worker';

runWorkerProcess(
  'page-views-worker',
  () => loadConfig(process.env, process.argv),
  (config, log) => runPageViewsWorker(config, { log }),
);
