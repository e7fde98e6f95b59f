import { createLogger } from '@fp/log';
import { loadConfig } from './config';
import { runBackfill } from './run-backfill';

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const log = createLogger({ name: 'backfill-cli', level: config.logLevel });
  const startedAtMs = performance.now();
  const run = await runBackfill(config);
  log.info({ ...run, seconds: (performance.now() - startedAtMs) / 1000 }, 'backfill archived');
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad options), so this one line goes to stderr directly.
  // eslint-disable-next-line no-console
  console.error('backfill failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
