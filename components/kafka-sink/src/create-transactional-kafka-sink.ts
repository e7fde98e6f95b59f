import { createKafkaClient, describeKafkaFailure } from '@fp/kafka-connection';
import { Partitioners, type Producer, type Transaction } from 'kafkajs';
import type { KafkaSinkOptions } from './create-kafka-sink';
import { KafkaSinkError } from './errors';
import { resolveBatching } from './kafka-producer-config';
import { createRecordBatcher, defaultScheduler, type RecordBatcher, type Scheduler } from './record-batcher';
import type { SinkRecord } from './sink-record';
import { toTopicMessages } from './to-topic-messages';
import { isTransientCoordinatorError } from './transient-coordinator-error';

export interface TransactionalKafkaSinkOptions extends KafkaSinkOptions {
  /**
   * Stable across restarts and unique per input partition (see `transactionalIdFor`): a restarted
   * producer with the same id fences the old one and aborts its open transaction.
   */
  readonly transactionalId: string;
  /** How long the broker lets a transaction stay open before aborting it. */
  readonly transactionTimeoutMs?: number;
}

export interface ConsumedOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to consume (last processed + 1), as Kafka commits it. */
  readonly offset: string;
  /** Stored with the committed offset (Kafka's offset metadata). */
  readonly metadata?: string;
}

/**
 * A transactional producer for exactly-once: the records sent between `beginTransaction()` and
 * `commit()`, and the consumer offsets given to `sendOffsets`, become visible to `read_committed`
 * consumers together, or (after `abort()`) never.
 */
export interface TransactionalKafkaSink {
  /** @throws KAFKA_SINK_TRANSACTION_STATE when a transaction is already open. */
  beginTransaction(): Promise<void>;
  /** Queues a record in the open transaction. @throws KAFKA_SINK_TRANSACTION_STATE outside a transaction. */
  send(record: SinkRecord): void;
  /** Resolves when the records queued so far are written (still invisible to read_committed readers until commit). */
  flush(): Promise<void>;
  /** Flushes, then commits consumer offsets as part of the transaction (Kafka's `sendOffsetsToTransaction`). */
  sendOffsets(consumerGroupId: string, offsets: readonly ConsumedOffset[]): Promise<void>;
  /** Flushes the queued records, then commits. @throws KAFKA_SINK_SEND_FAILED / KAFKA_SINK_TRANSACTION_FAILED; abort() afterwards. */
  commit(): Promise<void>;
  /** Drops records not yet sent, waits for the batch in flight, aborts. */
  abort(): Promise<void>;
  readonly isInTransaction: boolean;
  close(): Promise<void>;
}

/** Kafka's default `transaction.max.timeout.ms` is 15 minutes; a minute keeps zombies short-lived. */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * The transactional id for the producer that handles one input partition. kafkajs cannot do
 * KIP-447's consumer-group fencing, so exactly-once needs one producer per input partition, each
 * with an id that moves with the partition.
 */
export function transactionalIdFor(applicationId: string, topic: string, partition: number): string {
  return `${applicationId}-${topic}-${partition}`;
}

/** 50 ms, 100 ms, ... up to 2 s apart: about 40 s in all, longer than a broker takes to restart. */
const TRANSIENT_COORDINATOR_ATTEMPTS = 40;
const TRANSIENT_COORDINATOR_BACKOFF_MS = 50;
const TRANSIENT_COORDINATOR_MAX_BACKOFF_MS = 2_000;

function delay(schedule: Scheduler, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    schedule(resolve, delayMs);
  });
}

export function createTransactionalKafkaSink(options: TransactionalKafkaSinkOptions): TransactionalKafkaSink {
  const batching = resolveBatching(
    options,
    options.transactionalId.trim() === '' ? ['transactionalId must be a non-empty string'] : [],
  );
  const producer: Producer = createKafkaClient(options.connection, options.log).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    transactionalId: options.transactionalId,
    transactionTimeout: options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: batching.sendRetries },
  });
  const schedule = options.scheduler ?? defaultScheduler;
  let connecting: Promise<void> | undefined;
  let transaction: Transaction | undefined;
  let batcher: RecordBatcher | undefined;

  const failure = (code: 'KAFKA_SINK_TRANSACTION_FAILED', what: string, error: unknown): KafkaSinkError =>
    new KafkaSinkError(
      code,
      `${what} of transaction "${options.transactionalId}" failed: ${describeKafkaFailure(error, options.connection)}`,
      {
        cause: error,
      },
    );

  function open(what: string): { transaction: Transaction; batcher: RecordBatcher } {
    if (transaction === undefined || batcher === undefined) {
      throw new KafkaSinkError(
        'KAFKA_SINK_TRANSACTION_STATE',
        `${what} needs an open transaction: call beginTransaction() first`,
      );
    }
    return { transaction, batcher };
  }

  return {
    async beginTransaction() {
      if (transaction !== undefined) {
        throw new KafkaSinkError(
          'KAFKA_SINK_TRANSACTION_STATE',
          'beginTransaction() while a transaction is open: commit or abort it first',
        );
      }
      try {
        connecting ??= producer.connect();
        await connecting;
        const started = await producer.transaction();
        transaction = started;
        batcher = createRecordBatcher({
          ...batching,
          ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
          transport: (records) =>
            started
              .sendBatch({ topicMessages: toTopicMessages(records), compression: batching.compression })
              .then(() => undefined),
        });
      } catch (error) {
        connecting = undefined;
        throw failure('KAFKA_SINK_TRANSACTION_FAILED', 'begin', error);
      }
    },

    send(record) {
      open('send()').batcher.add(record);
    },

    flush: () => open('flush()').batcher.flush(),

    async sendOffsets(consumerGroupId, offsets) {
      const current = open('sendOffsets()');
      // kafkajs writes `metadata` of each partition into TxnOffsetCommit, though its types omit it.
      const byTopic = new Map<string, { partition: number; offset: string; metadata?: string }[]>();
      for (const { topic, partition, offset, metadata } of offsets) {
        byTopic.set(topic, [
          ...(byTopic.get(topic) ?? []),
          { partition, offset, ...(metadata === undefined ? {} : { metadata }) },
        ]);
      }
      // Output first: the offsets must never commit ahead of records still queued.
      await current.batcher.flush();
      for (let attempt = 1; ; attempt++) {
        try {
          await current.transaction.sendOffsets({
            consumerGroupId,
            topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
          });
          return;
        } catch (error) {
          if (isTransientCoordinatorError(error) && attempt < TRANSIENT_COORDINATOR_ATTEMPTS) {
            await delay(
              schedule,
              Math.min(TRANSIENT_COORDINATOR_BACKOFF_MS * attempt, TRANSIENT_COORDINATOR_MAX_BACKOFF_MS),
            );
            continue;
          }
          throw failure('KAFKA_SINK_TRANSACTION_FAILED', 'sendOffsets', error);
        }
      }
    },

    async commit() {
      const current = open('commit()');
      await flushEverything(current.batcher);
      try {
        await current.transaction.commit();
      } catch (error) {
        throw failure('KAFKA_SINK_TRANSACTION_FAILED', 'commit', error);
      }
      transaction = undefined;
      batcher = undefined;
    },

    async abort() {
      const current = open('abort()');
      current.batcher.discardPending();
      await current.batcher.settle();
      try {
        await current.transaction.abort();
      } catch (error) {
        throw failure('KAFKA_SINK_TRANSACTION_FAILED', 'abort', error);
      } finally {
        transaction = undefined;
        batcher = undefined;
      }
    },

    get isInTransaction() {
      return transaction !== undefined;
    },

    async close() {
      if (transaction !== undefined) {
        // An open transaction at close is abandoned work: abort so read_committed readers do not wait on it.
        await this.abort().catch(() => undefined);
      }
      await producer.disconnect();
    },
  };
}

/**
 * Waits until nothing is queued or in flight, records sent meanwhile included (`flush()` alone
 * waits only for those sent before it): a transaction must not end with one of its batches in flight.
 */
async function flushEverything(batcher: RecordBatcher): Promise<void> {
  do {
    await batcher.flush();
    await batcher.settle();
  } while (batcher.pendingCount > 0);
  // Throws if the last batch failed (settle() ignores the outcome).
  await batcher.flush();
}
