import { runWorkerProcess } from '@fp/worker-ops';
import { loadConfig } from './config';
import { runFlightImporterWorker } from './run-flight-importer-worker';

runWorkerProcess(
  'flight-importer-worker',
  () => loadConfig(process.env, process.argv),
  (config, log) => runFlightImporterWorker(config, { log }),
);
