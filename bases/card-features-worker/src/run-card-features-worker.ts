import type { Logger } from '@fp/log';
import { createSchemaRegistry } from '@fp/schema-registry';
import { startWorker, type Worker } from '@fp/worker-ops';
import { createCardSerdes } from './card-serdes';
import type { CardFeaturesWorkerConfig } from './config';
import { buildTopology } from './topology';

export interface RunOptions {
  readonly log: Logger;
  /** The runtime's processing-time clock; the wall clock by default. */
  readonly now?: () => number;
}

/**
 * Registers the schemas (Confluent format), then runs the card features as configured (bounded or
 * streaming) and serves the ops endpoints.
 */
export async function runCardFeaturesWorker(config: CardFeaturesWorkerConfig, options: RunOptions): Promise<Worker> {
  const serdes = await createCardSerdes(config, () =>
    createSchemaRegistry({
      url: config.schemaRegistry.url,
      compatibility: config.schemaRegistry.compatibility,
      ...(config.schemaRegistry.auth === undefined ? {} : { auth: config.schemaRegistry.auth }),
    }),
  );
  options.log.info(
    {
      format: config.format,
      ...('subject' in serdes.transactionSerde ? { transactionsSubject: serdes.transactionSerde.subject } : {}),
      ...('subject' in serdes.aggSerde ? { featuresSubject: serdes.aggSerde.subject } : {}),
    },
    'serdes ready',
  );
  return startWorker({
    topology: buildTopology(config, serdes),
    settings: config.worker,
    log: options.log,
    now: options.now ?? Date.now,
  });
}
