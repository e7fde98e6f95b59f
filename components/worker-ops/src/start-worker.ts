import { checkKafkaConnection } from '@fp/kafka-connection';
import {
  checkRetention,
  ensureOutputTopics,
  inputTopicsOf,
  runBounded,
  runStreaming,
  type RunningTopology,
  type RunSummary,
} from '@fp/kafka-runtime';
import type { Logger } from '@fp/log';
import type { Topology } from '@fp/topology';
import { createOpsServer, type OpsServer } from './ops-server';
import type { OutputTopicSettings } from './output-topics-env';
import {
  currentStreamThread,
  reportStreamThreadFailure,
  serveStreamThread,
  startStreamThreads,
} from './stream-threads';
import type { WorkerSettings } from './worker-env';
import { EMPTY_WORKER_METRICS, type WorkerMetrics } from './worker-metrics';

/** Long backfills log their progress at most this often, so the log shows movement without flooding. */
export const PROGRESS_LOG_INTERVAL_MS = 5_000;

export interface StartWorkerOptions {
  readonly topology: Topology;
  readonly settings: WorkerSettings;
  readonly log: Logger;
  /** Processing-time clock (progress, watermark lag, the runtime's commit interval). */
  readonly now: () => number;
  /** When given, the output topics and the dead-letter topic that do not exist are created at start. */
  readonly outputTopics?: OutputTopicSettings;
}

/** A worker that is running. */
export interface Worker {
  readonly mode: WorkerSettings['mode'];
  /** Where `/healthz`, `/readyz` and `/metrics` answer; 0 in a stream thread (the main thread serves them). */
  readonly opsPort: number;
  /** Settles when the run ends (a bounded run at the end of its input), after the ops server closed. */
  readonly done: Promise<RunSummary>;
  /**
   * Graceful stop. Streaming: final checkpoint (outputs flushed, state and offsets committed),
   * leave the group. Bounded: a backfill cannot stop halfway and resume, so this waits for its end;
   * a process that must quit sooner exits, and the next bounded run starts over from empty state.
   */
  stop(): Promise<RunSummary>;
}

/**
 * Runs a topology as a worker: serves the ops endpoints, runs it bounded (`runBounded`: read the
 * range, fire everything, flush, report) or streaming, and closes the ops server when the run ends.
 * A streaming worker with `settings.streamThreads > 1` runs its topology in that many stream
 * threads (see stream-threads.ts); in each of them, this runs the thread's share.
 */
export async function startWorker(options: StartWorkerOptions): Promise<Worker> {
  const { topology, settings, log, now } = options;
  const common = {
    connection: settings.connection,
    stateDir: settings.stateDir,
    applicationId: settings.applicationId,
    deadLetterTopic: settings.deadLetterTopic,
    log,
    now,
  };
  const streaming = {
    ...common,
    commitIntervalMs: settings.commitIntervalMs,
    guarantee: settings.guarantee,
    sessionTimeoutMs: settings.sessionTimeoutMs,
  };
  const streamThread = currentStreamThread();
  if (streamThread !== undefined) {
    return startStreamThread(() => runStreaming(topology, { ...streaming, streamThread }));
  }
  // Fail in bounded time, naming what is wrong, before any run starts retrying for minutes.
  await checkKafkaConnection(settings.connection, {
    topics: inputTopicsOf(topology),
    timeoutMs: settings.startupTimeoutMs,
    log,
  });
  if (options.outputTopics !== undefined) {
    await ensureOutputTopics(topology, {
      ...options.outputTopics,
      connection: settings.connection,
      deadLetterTopic: settings.deadLetterTopic,
      log,
    });
  }
  // Logged as warnings: a topic with a short retention may be what the operator wants.
  await checkRetention(topology, {
    connection: settings.connection,
    deadLetterTopic: settings.deadLetterTopic,
    log,
    now,
  });
  let metrics: WorkerMetrics = EMPTY_WORKER_METRICS;
  let isReady = false;
  // Swapped for the streaming run's own once it has started.
  let readiness = () => isReady;
  let readMetrics = () => metrics;
  const ops: OpsServer = await createOpsServer({
    port: settings.httpPort,
    isReady: () => readiness(),
    metrics: () => readMetrics(),
    log,
    now,
    defaultLabels: { application: settings.applicationId },
  });

  if (settings.mode === 'streaming') {
    try {
      const { streamThreads } = settings;
      log.info(
        { mode: 'streaming', applicationId: settings.applicationId, streamThreads, guarantee: settings.guarantee },
        `running ${topology.name}`,
      );
      const running =
        streamThreads > 1
          ? await startStreamThreads({ count: streamThreads, log })
          : await runStreaming(topology, streaming);
      readiness = () => running.isReady();
      readMetrics = () => running.metrics();
      const done = settle(running.stopped, ops, () => (readiness = () => false));
      return {
        mode: 'streaming',
        opsPort: ops.port,
        done,
        stop: async () => {
          await running.stop();
          return done;
        },
      };
    } catch (error) {
      await ops.close();
      throw error;
    }
  }

  let lastProgressLogMs = now();
  isReady = true;
  log.info({ mode: 'bounded', applicationId: settings.applicationId }, `running ${topology.name}`);
  if (settings.streamThreads > 1) {
    log.info(
      { streamThreads: settings.streamThreads },
      'a bounded run reads its range in one thread: streamThreads applies to streaming runs',
    );
  }
  const run = runBounded(topology, {
    ...common,
    ...(settings.bounded.fromMs === undefined ? {} : { from: { timestampMs: settings.bounded.fromMs } }),
    ...(settings.bounded.toMs === undefined ? {} : { to: { timestampMs: settings.bounded.toMs } }),
    onProgress: (recordsRead) => {
      metrics = { ...metrics, recordsIn: recordsRead };
      if (now() - lastProgressLogMs >= PROGRESS_LOG_INTERVAL_MS) {
        lastProgressLogMs = now();
        log.info({ recordsRead }, 'bounded run progress');
      }
    },
  }).then((summary) => {
    metrics = { ...metrics, ...summary };
    return summary;
  });
  const done = settle(run, ops, () => (isReady = false));
  return { mode: 'bounded', opsPort: ops.port, done, stop: () => done };
}

/** A stream thread's share of a streaming worker: no ops server (the main thread has it), figures sent to the main thread. */
async function startStreamThread(run: () => Promise<RunningTopology>): Promise<Worker> {
  let running: RunningTopology;
  try {
    running = await run();
  } catch (error) {
    reportStreamThreadFailure(error);
    throw error;
  }
  serveStreamThread(running);
  return {
    mode: 'streaming',
    opsPort: 0,
    done: running.stopped,
    stop: async () => {
      await running.stop();
      return running.stopped;
    },
  };
}

/** The run's outcome, once the ops server has stopped listening (whether the run succeeded or not). */
async function settle(run: Promise<RunSummary>, ops: OpsServer, notReady: () => void): Promise<RunSummary> {
  try {
    return await run;
  } finally {
    notReady();
    await ops.close();
  }
}
