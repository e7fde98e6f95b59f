import { createKafkaClient, describeKafkaFailure, type KafkaConnectionOptions } from '@fp/kafka-connection';
import type { Logger } from '@fp/log';
import { Partitioners, type Producer } from 'kafkajs';
import { KafkaSinkError } from './errors';
import { resolveBatching, type SinkBatchingOptions } from './kafka-producer-config';
import { createRecordBatcher, type Scheduler } from './record-batcher';
import type { SinkRecord } from './sink-record';
import { toTopicMessages } from './to-topic-messages';

export interface KafkaSinkOptions extends SinkBatchingOptions {
  readonly connection: KafkaConnectionOptions;
  readonly log?: Logger;
  /** Replaces the linger timer; for tests. */
  readonly scheduler?: Scheduler;
}

/**
 * An idempotent producer behind a synchronous `send`: records are queued and leave in batches
 * (see `createRecordBatcher`); `flush()` is the only thing to await.
 */
export interface KafkaSink {
  /** Queues a record; never waits. @throws KAFKA_SINK_SEND_FAILED once an earlier batch failed, KAFKA_SINK_CLOSED after close. */
  send(record: SinkRecord): void;
  /** Resolves when every record sent so far is acknowledged by all in-sync replicas; rejects with KAFKA_SINK_SEND_FAILED otherwise. */
  flush(): Promise<void>;
  /** Flushes, then disconnects. */
  close(): Promise<void>;
  readonly pendingCount: number;
}

/** Every produce waits for all in-sync replicas, as idempotence requires. */
const ACKS_ALL = -1;

export function createKafkaSink(options: KafkaSinkOptions): KafkaSink {
  const batching = resolveBatching(options);
  const kafka = createKafkaClient(options.connection, options.log);
  const producer: Producer = kafka.producer({
    idempotent: true,
    // kafkajs keeps per-partition order for idempotent producers only with one request in flight.
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: batching.sendRetries },
  });
  let connecting: Promise<void> | undefined;
  let isClosed = false;

  const batcher = createRecordBatcher({
    ...batching,
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    transport: async (records) => {
      try {
        connecting ??= producer.connect();
        await connecting;
        await producer.sendBatch({
          topicMessages: toTopicMessages(records),
          acks: ACKS_ALL,
          compression: batching.compression,
        });
      } catch (error) {
        connecting = undefined;
        throw new Error(describeKafkaFailure(error, options.connection), { cause: error });
      }
    },
  });

  return {
    send(record) {
      if (isClosed) {
        throw new KafkaSinkError('KAFKA_SINK_CLOSED', `send to "${record.topic}" after the sink was closed`);
      }
      batcher.add(record);
    },
    flush: () => batcher.flush(),
    async close() {
      if (isClosed) {
        return;
      }
      isClosed = true;
      try {
        await batcher.flush();
      } finally {
        await producer.disconnect();
      }
    },
    get pendingCount() {
      return batcher.pendingCount;
    },
  };
}
