import type { Logger } from '@fp/log';
import { startWorker, type Worker } from '@fp/worker-ops';
import type { FlightImporterWorkerConfig } from './config';
import { buildTopology } from './topology';

export interface RunOptions {
  readonly log: Logger;
  /** The clock the arrival filter and the runtime read; the wall clock by default. */
  readonly now?: () => number;
}

/** Runs the flight importer as configured (bounded or streaming) and serves its ops endpoints. */
export function runFlightImporterWorker(config: FlightImporterWorkerConfig, options: RunOptions): Promise<Worker> {
  const now = options.now ?? Date.now;
  return startWorker({ topology: buildTopology(config, now), settings: config.worker, log: options.log, now });
}
