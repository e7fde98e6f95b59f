import type { Logger } from '@fp/log';
import { startWorker, type Worker } from '@fp/worker-ops';
import type { PageViewsWorkerConfig } from './config';
import { buildTopology } from './topology';

export interface RunOptions {
  readonly log: Logger;
  /** The runtime's processing-time clock; the wall clock by default. */
  readonly now?: () => number;
}

/**
 * Creates the missing output topics, runs the pipeline as configured (bounded or streaming) and
 * serves its ops endpoints.
 */
export function runPageViewsWorker(config: PageViewsWorkerConfig, options: RunOptions): Promise<Worker> {
  return startWorker({
    topology: buildTopology(config),
    settings: config.worker,
    outputTopics: config.outputTopics,
    log: options.log,
    now: options.now ?? Date.now,
  });
}
