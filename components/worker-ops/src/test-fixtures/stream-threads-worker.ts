/**
 * Stream threads without Kafka, for `stream-threads.test.ts`. The main thread starts
 * `STREAM_THREADS` threads of this script; each serves a stand-in run whose figures name the thread.
 * The main thread prints one JSON line per event: `started` (with the summed figures once every
 * thread reported), `stopped` (the summed summary) or `failed` (the error). `FAIL_THREAD=<n>`
 * makes thread n fail at start; `STOP_FAILS_THREAD=<n>` makes thread n's graceful stop fail;
 * `CRASH_THREAD=<n>` makes thread n throw an uncaught error once it runs.
 */
import type { RunningTopology, RunSummary, RuntimeMetrics } from '@fp/kafka-runtime';
import { createSilentLogger } from '@fp/log';
import { fileURLToPath } from 'node:url';
import {
  currentStreamThread,
  reportStreamThreadFailure,
  serveStreamThread,
  setStreamThreadEntry,
  startStreamThreads,
  STREAM_THREAD_METRICS_INTERVAL_MS,
} from '../stream-threads';

const print = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

function standInRun(thread: number): RunningTopology {
  let settle: (summary: RunSummary) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const stopped = new Promise<RunSummary>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  // Keeps the thread alive as a consumer would, until the run stops.
  const alive = setInterval(() => undefined, 1_000);
  const counters = {
    recordsIn: 10 * (thread + 1),
    recordsOut: thread + 1,
    lateRecords: 0,
    skippedRecords: 0,
    deadLetteredRecords: 0,
  };
  const metrics: RuntimeMetrics = {
    ...counters,
    consumerLag: { [`input[${thread}]`]: thread },
    watermarkMs: { [`0_${thread}`]: 1_000 * thread },
    checkpoints: 2,
    lastCheckpointDurationMs: 5 * (thread + 1),
    dirtyStateEntries: 1,
    stateBytes: 100,
    assignedTasks: [`0_${thread}`],
    changelogRestores: 0,
    replayedRepartitionRecords: 0,
    batchesDuringCheckpoints: 0,
  };
  return {
    isReady: () => true,
    metrics: () => metrics,
    stop: () => {
      clearInterval(alive);
      if (process.env['STOP_FAILS_THREAD'] === String(thread))
        fail(new Error(`final checkpoint of thread ${thread} failed`));
      else settle({ mode: 'streaming', durationMs: 100 * (thread + 1), ...counters });
      return stopped;
    },
    stopped,
  };
}

async function main(): Promise<void> {
  const thread = currentStreamThread();
  if (thread !== undefined) {
    if (process.env['FAIL_THREAD'] === String(thread)) {
      reportStreamThreadFailure(new Error(`thread ${thread} cannot reach the broker`));
      return;
    }
    serveStreamThread(standInRun(thread));
    if (process.env['CRASH_THREAD'] === String(thread)) {
      setTimeout(() => {
        throw new Error(`bug in thread ${thread}`);
      }, STREAM_THREAD_METRICS_INTERVAL_MS);
    }
    return;
  }
  setStreamThreadEntry(fileURLToPath(import.meta.url));
  try {
    const running = await startStreamThreads({
      count: Number(process.env['STREAM_THREADS']),
      log: createSilentLogger(),
    });
    // Every thread reported its figures once at start; one more interval lets the messages land.
    await new Promise((resolve) => setTimeout(resolve, 2 * STREAM_THREAD_METRICS_INTERVAL_MS));
    print({ event: 'started', isReady: running.isReady(), metrics: running.metrics() });
    print({ event: 'stopped', summary: await running.stop() });
  } catch (error) {
    print({ event: 'failed', message: (error as Error).message });
  }
}

void main();
