import { runBounded, runStreaming, type RunSummary } from '@fp/kafka-runtime';
import type { Logger } from '@fp/log';
import type { Topology } from '@fp/topology';
import { createOpsServer, type OpsServer } from './ops-server';
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
}

/** A worker that is running. */
export interface Worker {
  readonly mode: WorkerSettings['mode'];
  /** Where `/healthz`, `/readyz` and `/metrics` answer. */
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
      log.info({ mode: 'streaming', applicationId: settings.applicationId }, `running ${topology.name}`);
      const running = await runStreaming(topology, {
        ...common,
        commitIntervalMs: settings.commitIntervalMs,
        sessionTimeoutMs: settings.sessionTimeoutMs,
      });
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

/** The run's outcome, once the ops server has stopped listening (whether the run succeeded or not). */
async function settle(run: Promise<RunSummary>, ops: OpsServer, notReady: () => void): Promise<RunSummary> {
  try {
    return await run;
  } finally {
    notReady();
    await ops.close();
  }
}
