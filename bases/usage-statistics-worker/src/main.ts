import { runWorkerProcess } from '@fp/worker-ops';
import { loadConfig } from './config';
import { runUsageStatisticsWorker } from './run-usage-statistics-worker';

runWorkerProcess(
  'usage-statistics-worker',
  () => loadConfig(process.env, process.argv),
  (config, log) => runUsageStatisticsWorker(config, { log }),
);
