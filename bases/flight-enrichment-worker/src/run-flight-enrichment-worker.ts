import type { Logger } from '@fp/log';
import { startWorker, type Worker } from '@fp/worker-ops';
import type { FlightEnrichmentWorkerConfig } from './config';
import { buildTopology } from './topology';

export interface RunOptions {
  readonly log: Logger;
  /** The runtime's processing-time clock; the wall clock by default. */
  readonly now?: () => number;
}

/** Runs flight enrichment as configured (bounded or streaming) and serves its ops endpoints. */
export function runFlightEnrichmentWorker(config: FlightEnrichmentWorkerConfig, options: RunOptions): Promise<Worker> {
  return startWorker({
    topology: buildTopology(config),
    settings: config.worker,
    log: options.log,
    now: options.now ?? Date.now,
  });
}
