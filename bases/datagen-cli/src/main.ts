import { createLogger } from '@fp/log';
import { loadConfig, USAGE } from './config';
import { runDatagen } from './run-datagen';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig(process.env, argv, Date.now());
  const log = createLogger({ name: 'datagen-cli', level: config.logLevel });
  const stop = new AbortController();
  for (const signal of STOP_SIGNALS) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      process.once(signal, () => process.exit(1));
      stop.abort();
    });
  }
  await runDatagen(config, { log, signal: stop.signal });
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config), so this one line goes to stderr directly.
  // eslint-disable-next-line no-console
  console.error('datagen-cli failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
