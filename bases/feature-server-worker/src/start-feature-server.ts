import { serveLookupApi } from '@fp/feature-lookup-api';
import type { Logger } from '@fp/log';
import { openOnlineStore } from '@fp/online-store';
import { startOnlineStoreReplica } from '@fp/online-store-kafka';
import { createSchemaRegistry, type SchemaRegistry } from '@fp/schema-registry';
import type { FeatureServerConfig } from './config';
import { materialisedViews } from './view-serdes';

export interface StartOptions {
  readonly log: Logger;
  /** Processing-time clock (write times, freshness); the wall clock by default. */
  readonly now?: () => number;
}

/** A running feature server. */
export interface FeatureServer {
  /** Where the lookup API listens (the chosen port when `HTTP_PORT=0`). */
  readonly port: number;
  /** Resolves once the store caught up with the end offsets seen at start (`/readyz` turns 200). */
  readonly caughtUp: Promise<void>;
  /** Settles when the server stopped; rejects if the replica failed (Kafka, LevelDB, registry). */
  readonly done: Promise<void>;
  /** Graceful stop: stop reading, commit rows and offsets, stop serving, close the stores. */
  stop(): Promise<void>;
}

/** Opens the stores, starts the replica of the view topics and serves the lookup API. */
export async function startFeatureServer(config: FeatureServerConfig, options: StartOptions): Promise<FeatureServer> {
  const { log } = options;
  const now = options.now ?? Date.now;
  let registry: SchemaRegistry | undefined;
  const views = await materialisedViews(config, () => {
    registry ??= createSchemaRegistry({
      url: config.schemaRegistry.url,
      ...(config.schemaRegistry.auth === undefined ? {} : { auth: config.schemaRegistry.auth }),
    });
    return registry;
  });
  const store = await openOnlineStore({
    stateDir: config.stateDir,
    views,
    now,
    log,
    cacheEntriesPerView: config.cacheEntriesPerView,
  });
  let replica: Awaited<ReturnType<typeof startOnlineStoreReplica>>;
  try {
    replica = await startOnlineStoreReplica({
      connection: config.connection,
      store,
      log,
      commitIntervalMs: config.commitIntervalMs,
      maxUncommittedRows: config.maxUncommittedRows,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const server = await serveLookupApi({
    store,
    isReady: () => replica.isCaughtUp(),
    lag: () => replica.progress(),
    now,
    log,
    port: config.port,
    host: config.host,
  });
  log.info(
    { port: server.port, views: config.views.map(({ view, topic, format }) => ({ view: view.name, topic, format })) },
    'feature server listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      try {
        await replica.stop();
      } finally {
        await server.close();
        await store.close();
      }
    })();
    return stopping;
  };
  const done = (async () => {
    try {
      await replica.stopped;
    } finally {
      await stop().catch(() => undefined);
    }
  })();
  done.catch(() => undefined);
  return { port: server.port, caughtUp: replica.caughtUp, done, stop };
}
