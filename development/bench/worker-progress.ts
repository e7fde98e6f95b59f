import type { BundledWorker } from './bundled-worker';
import { delay } from './bundled-worker';
import { sampleValue, type PrometheusSample } from './prometheus-text';

/** What one scrape of the worker's `/metrics` says about its progress. */
export interface WorkerProgress {
  /** Records processed by all tasks: input records plus repartition records. */
  readonly recordsIn: number;
  /** `topic[partition]` -> records behind the high watermark, for the partitions read so far. */
  readonly lag: ReadonlyMap<string, number>;
}

/** Catch-up is seen to within a quarter second; a scrape costs the worker a few metric reads. */
export const SCRAPE_EVERY_MS = 250;

export function workerProgress(samples: readonly PrometheusSample[]): WorkerProgress {
  const lag = new Map<string, number>();
  for (const sample of samples) {
    if (sample.name === 'fp_consumer_lag_records') {
      lag.set(`${sample.labels['topic'] ?? ''}[${sample.labels['partition'] ?? ''}]`, sample.value);
    }
  }
  return {
    recordsIn: sampleValue(samples, 'fp_records_in_total') ?? 0,
    lag,
  };
}

export interface CatchUpOptions {
  /** Every partition of these topics must report lag 0: the input and the internal repartition topic. */
  readonly inputTopics: readonly string[];
  readonly partitions: number;
  /**
   * Records the tasks must have processed in all. The lag gauge is the lag after the last batch
   * each partition fetched, so it can read 0 while repartition records are still on their way;
   * the count cannot.
   */
  readonly recordsIn: number;
  readonly timeoutMs: number;
}

/** Scrapes until the worker has processed everything (see `CatchUpOptions`); resolves with the last scrape. */
export async function waitUntilCaughtUp(worker: BundledWorker, options: CatchUpOptions): Promise<WorkerProgress> {
  const deadlineMs = performance.now() + options.timeoutMs;
  const inputs = options.inputTopics.flatMap((topic) =>
    Array.from({ length: options.partitions }, (_, partition) => `${topic}[${partition}]`),
  );
  while (performance.now() < deadlineMs) {
    const progress = workerProgress(await worker.scrape());
    const hasNoLag = inputs.every((input) => progress.lag.get(input) === 0);
    if (hasNoLag && progress.recordsIn >= options.recordsIn) return progress;
    await delay(SCRAPE_EVERY_MS);
  }
  throw new Error(`the worker did not catch up within ${options.timeoutMs} ms`);
}
