import { runWorkerProcess } from '@fp/worker-ops';
import { loadConfig } from './config';
import { runFlightEnrichmentWorker } from './run-flight-enrichment-worker';

runWorkerProcess(
  'flight-enrichment-worker',
  () => loadConfig(process.env, process.argv),
  (config, log) => runFlightEnrichmentWorker(config, { log }),
);
