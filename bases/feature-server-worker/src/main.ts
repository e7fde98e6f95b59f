import { toError } from '@fp/errors';
import { createLogger } from '@fp/log';
import { loadConfig } from './config';
import { startFeatureServer } from './start-feature-server';

const NAME = 'feature-server';

/**
 * Config (exit 1 listing every bad variable), start, graceful stop on SIGTERM/SIGINT (rows and
 * offsets committed; a second signal or a stop longer than SHUTDOWN_TIMEOUT_MS exits 1 at once,
 * and the next start resumes from the last commit), exit 1 if the replica fails.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger({ name: NAME, level: config.logLevel });
  const server = await startFeatureServer(config, { log });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      process.once(signal, () => process.exit(1));
      setTimeout(() => {
        log.error({ shutdownTimeoutMs: config.shutdownTimeoutMs }, 'graceful stop took too long: exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
      void server.stop();
    });
  }
  await server.done;
  log.info('feature server stopped');
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config), so this one line goes to stderr directly.
  // eslint-disable-next-line no-console
  console.error(`${NAME} failed:`, toError(error).message);
  process.exitCode = 1;
});
