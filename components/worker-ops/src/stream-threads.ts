import { toError } from '@fp/errors';
import type { RunningTopology, RunSummary, RuntimeMetrics } from '@fp/kafka-runtime';
import type { Logger } from '@fp/log';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker as Thread, workerData, type WorkerOptions } from 'node:worker_threads';
import { WorkerOpsError } from './errors';
import { mergeRunSummaries, mergeRuntimeMetrics } from './merge-runtime-metrics';
import { EMPTY_WORKER_METRICS } from './worker-metrics';

/**
 * Stream threads, as Kafka Streams' `num.stream.threads`: a streaming worker may run its topology
 * in several worker threads, each a consumer-group member of its own with its own tasks, consumer
 * and producer, so one process uses several cores. Every thread runs the process's entry script
 * again (it builds the same topology from the same environment); the main thread only serves the
 * ops endpoints, sums the threads' figures and relays the graceful stop.
 */

/** Marks a stream thread in `workerData`, with its index. */
const STREAM_THREAD_KEY = 'fpStreamThread';
/** How often a stream thread sends its figures to the main thread (what `/metrics` shows lags by this much at most). */
export const STREAM_THREAD_METRICS_INTERVAL_MS = 1_000;
/**
 * Young generation of each stream thread: 96 MB, i.e. semi-spaces of 32 MB, the same as the
 * pipeline images give the main thread (`node --max-semi-space-size=32`). With Node's default
 * (16 MB semi-spaces) a record-heavy thread scavenges about twice as often, although most of a
 * record's objects die young anyway; on the card catch-up (`npm run bench`, one thread) the larger
 * young generation gave more events/s for less worker CPU time.
 */
export const STREAM_THREAD_YOUNG_GENERATION_MB = 96;
/** After saying it stopped, a thread has this long to end on its own before it is terminated. */
const THREAD_EXIT_GRACE_MS = 5_000;

type ToThread = { readonly type: 'stop' };
type FromThread =
  | { readonly type: 'started' }
  | { readonly type: 'metrics'; readonly metrics: RuntimeMetrics; readonly isReady: boolean }
  | { readonly type: 'stopped'; readonly summary: RunSummary }
  | { readonly type: 'failed'; readonly message: string; readonly stack: string | undefined };

let entryScript: string | undefined;

/**
 * Names the script stream threads run: the process's entry, which builds the topology again.
 * `runWorkerProcess` calls it; a worker started any other way runs one thread only.
 */
export function setStreamThreadEntry(script: string | undefined): void {
  entryScript = script;
}

/** The index of the stream thread this code runs in; `undefined` in the main thread. */
export function currentStreamThread(): number | undefined {
  if (isMainThread) return undefined;
  const index = (workerData as Record<string, unknown> | null | undefined)?.[STREAM_THREAD_KEY];
  return typeof index === 'number' ? index : undefined;
}

/**
 * In a stream thread: reports the run to the main thread (started, figures every second, its
 * summary or its failure) and stops it gracefully when the main thread asks.
 */
export function serveStreamThread(running: RunningTopology): void {
  const port = requireParentPort();
  const post = (message: FromThread): void => port.postMessage(message);
  post({ type: 'started' });
  const report = (): void => post({ type: 'metrics', metrics: running.metrics(), isReady: running.isReady() });
  report();
  const timer = setInterval(report, STREAM_THREAD_METRICS_INTERVAL_MS);
  const onMessage = (message: ToThread): void => {
    // A failed stop shows as `stopped` rejecting, reported below.
    if (message.type === 'stop') running.stop().catch(() => undefined);
  };
  port.on('message', onMessage);
  running.stopped
    .then(
      (summary) => post({ type: 'stopped', summary }),
      (error: unknown) => reportStreamThreadFailure(error),
    )
    .finally(() => {
      clearInterval(timer);
      port.off('message', onMessage);
      port.unref();
    });
}

/** In a stream thread whose run could not start or failed: tells the main thread why. */
export function reportStreamThreadFailure(error: unknown): void {
  const failure = toError(error);
  const message: FromThread = { type: 'failed', message: failure.message, stack: failure.stack };
  requireParentPort().postMessage(message);
}

function requireParentPort(): NonNullable<typeof parentPort> {
  if (parentPort === null) throw new Error('not in a stream thread: no parent port');
  return parentPort;
}

interface ThreadState {
  readonly thread: Thread;
  metrics: RuntimeMetrics;
  isReady: boolean;
  summary: RunSummary | undefined;
  readonly started: Promise<void>;
  readonly exited: Promise<void>;
}

/**
 * In the main thread: starts `count` stream threads and resolves once each has joined the group
 * and restored its first assignment. If one fails (at start or later), the others stop gracefully
 * and the run fails with the first failure.
 */
export async function startStreamThreads(options: {
  readonly count: number;
  readonly log: Logger;
}): Promise<RunningTopology> {
  const { count, log } = options;
  const script = entryScript;
  if (script === undefined) {
    throw new WorkerOpsError(
      'WORKER_OPS_INVALID_OPTIONS',
      `streamThreads = ${count} needs the worker to be started by runWorkerProcess (each stream thread runs the process's entry script again); start it that way or run one thread`,
    );
  }
  let failure: Error | undefined;
  let isStopping = false;
  const fail = (error: Error): void => {
    if (failure === undefined) log.error({ err: error }, 'a stream thread failed: stopping the others');
    else log.error({ err: error }, 'another stream thread failed');
    failure ??= error;
    stopAll();
  };

  const threads = Array.from({ length: count }, (_, index): ThreadState => {
    const thread = spawnThread(script, {
      workerData: { [STREAM_THREAD_KEY]: index },
      argv: process.argv.slice(2),
      resourceLimits: { maxYoungGenerationSizeMb: STREAM_THREAD_YOUNG_GENERATION_MB },
    });
    let markStarted: () => void = () => undefined;
    let markStartFailed: (error: Error) => void = () => undefined;
    const started = new Promise<void>((resolve, reject) => {
      markStarted = resolve;
      markStartFailed = reject;
    });
    // Awaited through Promise.all below; a thread failing after another already did must not go unhandled.
    started.catch(() => undefined);
    const state: ThreadState = {
      thread,
      metrics: EMPTY_WORKER_METRICS,
      isReady: false,
      summary: undefined,
      started,
      exited: new Promise<void>((resolve) => {
        thread.once('exit', (code) => {
          if (state.summary === undefined) {
            const error =
              failure ?? new Error(`stream thread ${index} exited with code ${code} before its run stopped`);
            markStartFailed(error);
            if (failure === undefined) fail(error);
          }
          resolve();
        });
      }),
    };
    thread.on('message', (message: FromThread) => {
      switch (message.type) {
        case 'started':
          state.isReady = true;
          markStarted();
          return;
        case 'metrics':
          state.metrics = message.metrics;
          state.isReady = message.isReady;
          return;
        case 'stopped':
          state.summary = message.summary;
          state.isReady = false;
          terminateUnlessExited(state);
          return;
        case 'failed': {
          const error = new Error(`stream thread ${index}: ${message.message}`);
          if (message.stack !== undefined) error.stack = `${error.message}\n${message.stack}`;
          markStartFailed(error);
          fail(error);
          terminateUnlessExited(state);
          return;
        }
      }
    });
    thread.on('error', (error) => {
      const failed = new Error(`stream thread ${index} crashed: ${error.message}`, { cause: error });
      markStartFailed(failed);
      fail(failed);
    });
    return state;
  });

  function stopAll(): void {
    if (isStopping) return;
    isStopping = true;
    const message: ToThread = { type: 'stop' };
    for (const { thread } of threads) thread.postMessage(message);
  }

  const allExited = Promise.all(threads.map(({ exited }) => exited));
  const stopped = allExited.then(() => {
    if (failure !== undefined) throw failure;
    return mergeRunSummaries(threads.map(({ summary }) => summary as RunSummary));
  });
  // Observed through `stopped` by the caller; never an unhandled rejection meanwhile.
  stopped.catch(() => undefined);

  try {
    await Promise.all(threads.map(({ started }) => started));
  } catch (error) {
    stopAll();
    await allExited;
    throw failure ?? error;
  }
  log.info({ streamThreads: count }, 'stream threads started');
  return {
    isReady: () => !isStopping && threads.every((state) => state.isReady),
    metrics: () => mergeRuntimeMetrics(threads.map(({ metrics }) => metrics)),
    stop: () => {
      stopAll();
      return stopped;
    },
    stopped,
  };
}

/**
 * A thread running `script`. A TypeScript entry (a development run under tsx) gets tsx's loader
 * registered in the thread first: Node 20 does not carry a loader given with `--import` into threads.
 */
function spawnThread(script: string, options: WorkerOptions): Thread {
  if (!TYPESCRIPT_FILE.test(script)) return new Thread(script, options);
  const bootstrap =
    `import('tsx/esm/api').then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(pathToFileURL(script).href)}); })`;
  return new Thread(bootstrap, { ...options, eval: true });
}

const TYPESCRIPT_FILE = /\.[cm]?ts$/;

function terminateUnlessExited(state: ThreadState): void {
  const timer = setTimeout(() => void state.thread.terminate(), THREAD_EXIT_GRACE_MS);
  timer.unref();
  void state.exited.then(() => clearTimeout(timer));
}
