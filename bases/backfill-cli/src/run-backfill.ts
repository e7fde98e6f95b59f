import { backfillFromFiles, type BackfillInput, type FileBackfillSummary } from '@fp/feature-archiving';
import { openOfflineStore } from '@fp/offline-store';
import type { BackfillCliConfig } from './config';
import { backfillPipelines } from './pipelines';

export interface BackfillRun extends FileBackfillSummary {
  readonly pipeline: string;
  readonly view: string;
  readonly store: string;
}

/**
 * Runs the configured pipeline's topology bounded over its input files and archives its view's
 * rows in the offline store (`backfillFromFiles`); running it again over the same files archives
 * nothing twice.
 */
export async function runBackfill(config: BackfillCliConfig): Promise<BackfillRun> {
  // loadConfig accepts only the registry's pipelines and their inputs.
  const pipeline = backfillPipelines.get(config.pipelineName)!;
  const inputs: Record<string, BackfillInput> = {};
  for (const [name, file] of Object.entries(config.inputFiles)) {
    const { sourceStep, defaultTimestampColumn } = pipeline.inputs[name]!;
    const timestampColumn = config.timestampColumn ?? defaultTimestampColumn;
    inputs[sourceStep] = { file, ...(timestampColumn === undefined ? {} : { timestampColumn }) };
  }
  const store = await openOfflineStore({ root: config.storeRoot });
  try {
    const summary = await backfillFromFiles({
      store,
      topology: pipeline.buildTopology(),
      view: pipeline.view,
      inputs,
      partitions: config.partitions,
    });
    return { pipeline: config.pipelineName, view: pipeline.view.name, store: config.storeRoot, ...summary };
  } finally {
    store.close();
  }
}
