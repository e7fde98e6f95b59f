import { toError } from '@fp/errors';
import { createLogger, type Logger, type LogLevel } from '@fp/log';
import type { Worker } from './start-worker';
import { currentStreamThread, setStreamThreadEntry } from './stream-threads';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * The whole of a worker's `main.ts`: load the config (a bad one exits 1 with every problem on
 * stderr), start the worker, stop it gracefully on SIGTERM/SIGINT (a second signal, or a stop
 * longer than `shutdownTimeoutMs`, exits 1 at once, skipping the final checkpoint: the next start
 * replays from the last one; a signal during the start stops the worker as soon as it has
 * started), log the run's summary, and exit 1 if the run fails.
 *
 * The process exits as soon as the run has ended, 0 after a clean end (the final checkpoint
 * written), 1 after a failure: it does not wait for the event loop to empty. A kafkajs client
 * reconnecting when it was closed (as after a broker restart) may leave a socket open; waiting
 * for it turned a finished stop into "graceful stop took too long" and exit 1.
 */
export function runWorkerProcess<
  Config extends { readonly worker: { readonly logLevel: LogLevel; readonly shutdownTimeoutMs: number } },
>(name: string, loadConfig: () => Config, start: (config: Config, log: Logger) => Promise<Worker>): void {
  // Stream threads run this very script again: it builds the same topology from the same environment.
  setStreamThreadEntry(process.argv[1]);
  const main = async (): Promise<void> => {
    const config = loadConfig();
    const processLog = createLogger({ name, level: config.worker.logLevel });
    // A stream thread's lines say which thread wrote them.
    const streamThread = currentStreamThread();
    const log = streamThread === undefined ? processLog : processLog.child({ streamThread });
    // Listening before the start: a worker asked to stop while it joins its group or restores state
    // (a rebalance, a long restore) stops once started, rather than dying of the signal unheard.
    const started: { worker?: Worker } = {};
    let isStopAsked = false;
    for (const signal of STOP_SIGNALS) {
      process.once(signal, () => {
        log.info(
          { signal },
          started.worker ? 'stopping' : 'stopping once started (joining the group, restoring state)',
        );
        process.once(signal, () => process.exit(1));
        const { shutdownTimeoutMs } = config.worker;
        setTimeout(() => {
          log.error({ shutdownTimeoutMs }, 'graceful stop took too long: exiting without the final checkpoint');
          process.exit(1);
        }, shutdownTimeoutMs).unref();
        isStopAsked = true;
        void started.worker?.stop();
      });
    }
    const worker = await start(config, log);
    started.worker = worker;
    if (isStopAsked) void worker.stop();
    const summary = await worker.done;
    log.info({ summary }, `${summary.mode} run finished`);
  };
  // A stream thread only ends its own run: the main thread waits for it, then exits.
  const exitWith = (code: number): void => {
    if (currentStreamThread() === undefined) process.exit(code);
    else process.exitCode = code;
  };
  main().then(
    () => exitWith(0),
    (error: unknown) => {
      // The logger may not exist yet (bad config), so this one line goes to stderr directly.
      // eslint-disable-next-line no-console
      console.error(`${name} failed:`, toError(error).message);
      exitWith(1);
    },
  );
}
