/**
 * A worker process whose start lasts until its stdin says `started`, for `run-worker-process.test.ts`:
 * prints `starting` (as a worker joining its group or restoring state would be), then, once started
 * and asked to stop, prints `stopped` and ends its run.
 */
import type { RunSummary } from '@fp/kafka-runtime';
import { runWorkerProcess } from '../run-worker-process';
import type { Worker } from '../start-worker';

const SUMMARY: RunSummary = {
  mode: 'streaming',
  durationMs: 0,
  recordsIn: 0,
  recordsOut: 0,
  lateRecords: 0,
  skippedRecords: 0,
  deadLetteredRecords: 0,
};

runWorkerProcess(
  'slow-start-worker',
  () => ({ worker: { logLevel: 'info' as const, shutdownTimeoutMs: 20_000 } }),
  async (): Promise<Worker> => {
    process.stdout.write('starting\n');
    await new Promise<void>((resolve) => {
      process.stdin.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('started')) resolve();
      });
    });
    process.stdin.destroy();
    let end!: (summary: RunSummary) => void;
    const done = new Promise<RunSummary>((resolve) => (end = resolve));
    return {
      mode: 'streaming',
      opsPort: 0,
      done,
      stop: () => {
        process.stdout.write('stopped\n');
        end(SUMMARY);
        return done;
      },
    };
  },
);
