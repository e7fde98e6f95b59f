import { createLogger } from '@fp/log';
import { loadConfig } from './config';
import { runFlightEnrichmentWorker } from './run-flight-enrichment-worker';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv);
  const log = createLogger({ name: 'flight-enrichment-worker', level: config.worker.logLevel });
  const worker = await runFlightEnrichmentWorker(config, { log });

  for (const signal of STOP_SIGNALS) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      // A second signal means "now": skip the final checkpoint.
      process.once(signal, () => process.exit(1));
      void worker.stop();
    });
  }
  const summary = await worker.done;
  log.info({ summary }, `${summary.mode} run finished`);
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config), so this one line goes to stderr directly.
  // eslint-disable-next-line no-console
  console.error('flight-enrichment-worker failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
