import { featureViewsNamed } from '@fp/feature-catalog';
import { createLogger } from '@fp/log';
import { buildTrainingSet } from '@fp/offline-store';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const log = createLogger({ name: 'training-set-cli', level: config.logLevel });
  const views = featureViewsNamed(config.viewNames);
  const startedAtMs = performance.now();
  const summary = await buildTrainingSet({ ...config, views });
  log.info(
    { ...summary, out: config.outPath, seconds: (performance.now() - startedAtMs) / 1000 },
    'training set written',
  );
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad options), so this one line goes to stderr directly.
  // eslint-disable-next-line no-console
  console.error('training-set failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
