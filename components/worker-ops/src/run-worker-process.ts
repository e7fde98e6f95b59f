import { toError } from '@fp/errors';
import { createLogger, type Logger, type LogLevel } from '@fp/log';
import type { Worker } from './start-worker';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * The whole of a worker's `main.ts`: load the config (a bad one exits 1 with every problem on
 * stderr), start the worker, stop it gracefully on SIGTERM/SIGINT (a second signal exits at once,
 * skipping the final checkpoint), log the run's summary, and exit 1 if the run fails.
 */
export function runWorkerProcess<Config extends { readonly worker: { readonly logLevel: LogLevel } }>(
  name: string,
  loadConfig: () => Config,
  start: (config: Config, log: Logger) => Promise<Worker>,
): void {
  const main = async (): Promise<void> => {
    const config = loadConfig();
    const log = createLogger({ name, level: config.worker.logLevel });
    const worker = await start(config, log);
    for (const signal of STOP_SIGNALS) {
      process.once(signal, () => {
        log.info({ signal }, 'stopping');
        process.once(signal, () => process.exit(1));
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
