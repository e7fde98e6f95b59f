import { rawTransactionSerde, sourceTransactionAvroSchema, type SourceTransaction } from '@fp/card-transactions';
import { FLIGHT_TOPIC_PARTITIONS } from '@fp/flight-datagen';
import { createKafkaSink } from '@fp/kafka-sink';
import type { Logger } from '@fp/log';
import { createSchemaRegistry, registryAvroSerde } from '@fp/schema-registry';
import type { Serde } from '@fp/serdes';
import { setTimeout as delay } from 'node:timers/promises';
import type { DatagenConfig } from './config';
import { produce, type ProduceSummary } from './produce';
import { flightFeed, transactionFeed, type RecordFeed } from './record-feeds';
import { recreateTopics } from './recreate-topics';

export interface RunDatagenOptions {
  readonly log: Logger;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Ends a live run (and a backfill early); what was sent is flushed first. */
  readonly signal?: AbortSignal;
}

/** Runs the configured generator to Kafka: (re)creates topics if asked, produces, flushes. */
export async function runDatagen(config: DatagenConfig, options: RunDatagenOptions): Promise<ProduceSummary> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const { log } = options;
  if (config.createTopics) {
    await recreateTopics({
      connection: config.connection,
      topics: [config.topics.skyone, config.topics.sunset, config.topics.flightdata, config.topics.userstatistics],
      partitions: FLIGHT_TOPIC_PARTITIONS,
      replicationFactor: config.topicReplicationFactor,
      log,
      now,
      sleep,
    });
  }
  const feed = await createFeed(config, log);
  const sink = createKafkaSink({ connection: config.connection, log });
  try {
    log.info({ generator: config.generator, mode: config.mode, seed: config.seed }, 'generating');
    const summary = await produce({
      feed,
      sink,
      mode: config.mode,
      log,
      now,
      sleep,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    log.info(summary, 'done');
    return summary;
  } finally {
    await sink.close();
  }
}

async function createFeed(config: DatagenConfig, log: Logger): Promise<RecordFeed> {
  if (config.generator === 'flights') {
    return flightFeed({ seed: config.seed, topics: config.topics });
  }
  let serde: Serde<SourceTransaction>;
  if (config.transactionsFormat === 'raw') {
    serde = rawTransactionSerde();
  } else {
    const registry = createSchemaRegistry({
      url: config.schemaRegistry.url,
      compatibility: config.schemaRegistry.compatibility,
      ...(config.schemaRegistry.auth === undefined ? {} : { auth: config.schemaRegistry.auth }),
    });
    const registered = await registryAvroSerde<SourceTransaction>({
      registry,
      topic: config.topics.transactions,
      readerSchema: sourceTransactionAvroSchema,
    });
    log.info({ subject: registered.subject, schemaId: registered.schemaId }, 'schema registered');
    serde = registered;
  }
  return transactionFeed({ seed: config.seed, topic: config.topics.transactions, serde });
}
