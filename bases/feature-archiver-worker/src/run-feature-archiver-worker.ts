import { startFeatureArchiver, type ArchivedTopic, type FeatureArchiver } from '@fp/feature-archiving';
import { featureViewsNamed } from '@fp/feature-catalog';
import { plainRowSerde, type AnyFeatureView } from '@fp/feature-views';
import { createKafkaSink } from '@fp/kafka-sink';
import type { Logger } from '@fp/log';
import { openOfflineStore } from '@fp/offline-store';
import { createSchemaRegistry, registryAvroSerde } from '@fp/schema-registry';
import { createOpsServer, EMPTY_WORKER_METRICS, type OpsServer } from '@fp/worker-ops';
import type { FeatureArchiverWorkerConfig } from './config';

export interface RunningArchiver {
  readonly archiver: FeatureArchiver;
  readonly ops: OpsServer;
  /** Archives what is buffered, commits, leaves the group, closes the store and the ops server. */
  stop(): Promise<void>;
  /** Settles once stopped; rejects when archiving failed. */
  readonly done: Promise<void>;
}

/** Wires the views, their serdes, the store, a dead-letter sink and the ops server, then starts archiving. */
export async function runFeatureArchiverWorker(
  config: FeatureArchiverWorkerConfig,
  options: { readonly log: Logger },
): Promise<RunningArchiver> {
  const views = featureViewsNamed(config.viewNames);
  const topics = await Promise.all(
    views.map((view, index) => archivedTopicOf(view, config.topics?.[index] ?? view.topic, config)),
  );
  const store = await openOfflineStore({ root: config.storeRoot });
  const deadLetterSink = createKafkaSink({ connection: config.connection, log: options.log });
  const archiver = await startFeatureArchiver({
    connection: config.connection,
    groupId: config.groupId,
    topics,
    store,
    flushRows: config.flushRows,
    flushIntervalMs: config.flushIntervalMs,
    onBadRecord: config.onBadRecord,
    deadLetterTopic: config.deadLetterTopic,
    deadLetterSink,
    log: options.log,
  });
  const ops = await createOpsServer({
    port: config.httpPort,
    isReady: archiver.isReady,
    metrics: () => {
      const counts = archiver.counts();
      return {
        ...EMPTY_WORKER_METRICS,
        recordsIn: counts.recordsIn,
        recordsOut: counts.rowsArchived,
        skippedRecords: counts.skipped,
        deadLetteredRecords: counts.deadLettered,
        checkpoints: counts.appends,
      };
    },
    log: options.log,
    now: Date.now,
    defaultLabels: { service: 'feature-archiver' },
  });
  options.log.info({ views: config.viewNames, store: config.storeRoot, port: ops.port }, 'archiving');
  const close = async () => {
    await deadLetterSink.close();
    store.close();
    await ops.close();
  };
  const done = archiver.stopped.finally(close);
  return { archiver, ops, stop: async () => void (await archiver.stop()), done };
}

async function archivedTopicOf(
  view: AnyFeatureView,
  topic: string,
  config: FeatureArchiverWorkerConfig,
): Promise<ArchivedTopic> {
  if (view.encoding === 'json' || config.format === 'raw') return { view, topic, serde: plainRowSerde(view) };
  const registry = createSchemaRegistry({
    url: config.schemaRegistry.url,
    ...(config.schemaRegistry.auth === undefined ? {} : { auth: config.schemaRegistry.auth }),
  });
  const serde = await registryAvroSerde({
    registry,
    topic,
    readerSchema: view.avroSchema,
    autoRegister: config.schemaRegistry.autoRegister,
  });
  return { view, topic, serde };
}
