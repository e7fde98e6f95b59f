import { runWorkerProcess } from '@fp/worker-ops';
import { loadConfig } from './config';
import { runCardFeaturesWorker } from './run-card-features-worker';

runWorkerProcess(
  'card-features-worker',
  () => loadConfig(process.env, process.argv),
  (config, log) => runCardFeaturesWorker(config, { log }),
);
