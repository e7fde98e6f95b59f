/**
 * A worker process whose graceful stop never finishes, for `run-worker-process.test.ts`: prints
 * `ready`, and on SIGTERM hangs in `stop()` as a final checkpoint against an unreachable broker would.
 */
import type { RunSummary } from '@fp/kafka-runtime';
import { runWorkerProcess } from '../run-worker-process';
import type { Worker } from '../start-worker';

const NEVER = new Promise<RunSummary>(() => undefined);

runWorkerProcess(
  'stuck-stop-worker',
  () => ({ worker: { logLevel: 'info' as const, shutdownTimeoutMs: Number(process.env['SHUTDOWN_TIMEOUT_MS']) } }),
  async (): Promise<Worker> => {
    // Keeps the event loop alive like a real worker's consumer does.
    setInterval(() => undefined, 1_000);
    // After runWorkerProcess installed its signal handlers (they follow this promise's settling).
    setTimeout(() => process.stdout.write('ready\n'), 0);
    return { mode: 'streaming', opsPort: 0, done: NEVER, stop: () => NEVER };
  },
);
