import { toError } from '@fp/errors';
import { createLogger, type Logger, type LogLevel } from '@fp/log';
import type { Worker } from './start-worker';
import { currentStreamThread, setStreamThreadEntry } from './stream-threads';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * The whole of a worker's `main.ts`: load the config (a bad one exits 1 with every problem on
 * stderr), start the worker, stop it gracefully on SIGTERM/SIGINT (a second signal, or a stop
 * longer than `shutdownTimeoutMs`, exits 1 at once, skipping the final checkpoint: the next start
 * replays from the last one), log the run's summary, and exit 1 if the run fails.
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
    const worker = await start(config, log);
    for (const signal of STOP_SIGNALS) {
      process.once(signal, () => {
        log.info({ signal }, 'stopping');
        process.once(signal, () => process.exit(1));
        const { shutdownTimeoutMs } = config.worker;
        setTimeout(() => {
          log.error({ shutdownTimeoutMs }, 'graceful stop took too long: exiting without the final checkpoint');
          process.exit(1);
        }, shutdownTimeoutMs).unref();
        void worker.stop();
      });
    }
    const summary = await worker.done;
    log.info({ summary }, `${summary.mode} run finished`);
  };
  main().catch((error: unknown) => {
    // The logger may not exist yet (bad config), so this one line goes to stderr directly.
    // eslint-disable-next-line no-console
    console.error(`${name} failed:`, toError(error).message);
    process.exitCode = 1;
  });
}
