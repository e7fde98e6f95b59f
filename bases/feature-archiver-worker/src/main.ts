import { createLogger } from '@fp/log';
import { loadConfig } from './config';
import { runFeatureArchiverWorker } from './run-feature-archiver-worker';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger({ name: 'feature-archiver', level: config.logLevel });
  const running = await runFeatureArchiverWorker(config, { log });
  for (const signal of STOP_SIGNALS) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping: archiving what is buffered');
      process.once(signal, () => process.exit(1));
      void running.stop();
    });
  }
  await running.done;
  log.info({ counts: running.archiver.counts() }, 'stopped');
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config), so this one line goes to stderr directly.
  // eslint-disable-next-line no-console
  console.error('feature-archiver failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
