import { createKafkaClient, describeKafkaFailure, type KafkaConnectionOptions } from '@fp/kafka-connection';
import type { Logger } from '@fp/log';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createKafkaSource } from './create-kafka-source';
import { KafkaSourceError } from './errors';
import { partitionKey, type RawRecordBatch, type TopicPartition, type TopicPartitionOffset } from './raw-record';

/** Where a bounded read starts: partitions missing from `offsets` start at their earliest offset. */
export type BoundedStart =
  'earliest' | { readonly timestampMs: number } | { readonly offsets: readonly TopicPartitionOffset[] };
/** Where it stops (exclusive): the end offsets captured when `run()` starts, or the first offset at/after a timestamp. */
export type BoundedEnd = 'end' | { readonly timestampMs: number };

export interface BoundedKafkaSourceOptions {
  readonly connection: KafkaConnectionOptions;
  readonly log?: Logger;
  readonly topics: readonly string[];
  /** Only these partitions of each topic (default: all), e.g. the one changelog partition a task restores. */
  readonly partitions?: readonly number[];
  readonly from?: BoundedStart;
  readonly to?: BoundedEnd;
  readonly handler: (batch: RawRecordBatch) => Promise<void>;
  /** The throwaway group used to get every partition (default: `<clientId>-bounded-<uuid>`); nothing is committed to it. */
  readonly groupId?: string;
  readonly maxWaitTimeMs?: number;
  readonly isolationLevel?: 'read_committed' | 'read_uncommitted';
}

export interface PartitionRange extends TopicPartition {
  /** First offset read (inclusive). */
  readonly startOffset: string;
  /** Offset where reading stops (exclusive). */
  readonly endOffset: string;
}

export interface BoundedReadSummary {
  readonly ranges: readonly PartitionRange[];
  readonly records: number;
}

/** Reads a fixed range of one or more topics once, for batch runs and backfills. */
export interface BoundedKafkaSource {
  /** Captures the ranges, reads them, and resolves when every partition reached its end offset. */
  run(): Promise<BoundedReadSummary>;
  /** Ends a run early; `run()` then resolves with what was read. */
  stop(): Promise<void>;
}

/** A caught-up bounded read should notice its end quickly rather than wait kafkajs' 5 s default. */
const DEFAULT_BOUNDED_MAX_WAIT_MS = 500;

async function captureRanges(
  admin: Admin,
  topics: readonly string[],
  from: BoundedStart,
  to: BoundedEnd,
  only: readonly number[] | undefined,
): Promise<PartitionRange[]> {
  const ranges: PartitionRange[] = [];
  for (const topic of topics) {
    const limits = await admin.fetchTopicOffsets(topic);
    const ends =
      to === 'end'
        ? limits.map(({ partition, high }) => ({ partition, offset: high }))
        : await admin.fetchTopicOffsetsByTimestamp(topic, to.timestampMs);
    const starts =
      typeof from === 'object' && 'timestampMs' in from
        ? await admin.fetchTopicOffsetsByTimestamp(topic, from.timestampMs)
        : [];
    for (const { partition, low } of limits) {
      if (only !== undefined && !only.includes(partition)) continue;
      const given =
        typeof from === 'object' && 'offsets' in from
          ? from.offsets.find((o) => o.topic === topic && o.partition === partition)?.offset
          : starts.find((o) => o.partition === partition)?.offset;
      // Records below the log start offset are gone; start there instead of failing.
      const start = given === undefined || BigInt(given) < BigInt(low) ? low : given;
      const end = ends.find((o) => o.partition === partition)?.offset ?? low;
      ranges.push({ topic, partition, startOffset: start, endOffset: end });
    }
  }
  return ranges.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/**
 * A bounded reader. kafkajs has no manual `assign()`, so it joins a consumer group of its own (a
 * fresh random group id, alone in it, so it owns every partition), seeks each partition to its
 * start offset when assigned, hands over only records below the captured end offsets, pauses a
 * partition once it reached its end, and leaves when all did. It never commits offsets.
 */
export function createBoundedKafkaSource(options: BoundedKafkaSourceOptions): BoundedKafkaSource {
  const kafka = createKafkaClient(options.connection, options.log);
  let stopRequested: (() => void) | undefined;
  let isStopRequested = false;

  return {
    async run() {
      const admin = kafka.admin();
      let ranges: PartitionRange[];
      try {
        await admin.connect();
        ranges = await captureRanges(
          admin,
          options.topics,
          options.from ?? 'earliest',
          options.to ?? 'end',
          options.partitions,
        );
      } catch (error) {
        throw new KafkaSourceError(
          'KAFKA_SOURCE_CONSUMER_FAILED',
          `could not capture the offset ranges of ${options.topics.join(', ')}: ${describeKafkaFailure(error, options.connection)}`,
          { cause: error },
        );
      } finally {
        await admin.disconnect();
      }
      const byKey = new Map(ranges.map((range) => [partitionKey(range), range]));
      const remaining = new Set(ranges.filter((r) => BigInt(r.startOffset) < BigInt(r.endOffset)).map(partitionKey));
      let records = 0;
      if (remaining.size === 0 || isStopRequested) {
        return { ranges, records };
      }

      let allDone!: () => void;
      const finished = new Promise<void>((resolve) => {
        allDone = resolve;
      });
      stopRequested = allDone;

      const source = createKafkaSource(
        {
          connection: options.connection,
          ...(options.log === undefined ? {} : { log: options.log }),
          groupId: options.groupId ?? `${options.connection.clientId}-bounded-${randomUUID()}`,
          topics: options.topics,
          startFrom: 'earliest',
          maxWaitTimeMs: options.maxWaitTimeMs ?? DEFAULT_BOUNDED_MAX_WAIT_MS,
          ...(options.isolationLevel === undefined ? {} : { isolationLevel: options.isolationLevel }),
          handler: async (batch) => {
            const range = byKey.get(partitionKey(batch));
            if (range === undefined) {
              return;
            }
            const end = BigInt(range.endOffset);
            const start = BigInt(range.startOffset);
            const inRange = batch.records.filter(({ offset }) => BigInt(offset) < end && BigInt(offset) >= start);
            if (inRange.length > 0) {
              records += inRange.length;
              await options.handler({ ...batch, records: inRange });
            }
          },
          onAssigned: async (partitions) => {
            const done: TopicPartition[] = [];
            for (const tp of partitions) {
              const range = byKey.get(partitionKey(tp));
              if (range !== undefined && remaining.has(partitionKey(tp))) {
                source.seek({ ...tp, offset: range.startOffset });
              } else {
                done.push(tp);
              }
            }
            if (done.length > 0) {
              source.pause(done);
            }
          },
        },
        {
          kafka,
          onBatchEnd: (topic, partition, lastOffset) => {
            const tp = { topic, partition };
            const range = byKey.get(partitionKey(tp));
            if (
              range !== undefined &&
              BigInt(lastOffset) + 1n >= BigInt(range.endOffset) &&
              remaining.delete(partitionKey(tp))
            ) {
              source.pause([tp]);
              if (remaining.size === 0) {
                allDone();
              }
            }
          },
        },
      );

      await source.start();
      await Promise.race([finished, source.stopped]);
      await source.stop();
      await source.stopped;
      return { ranges, records };
    },

    async stop() {
      isStopRequested = true;
      stopRequested?.();
    },
  };
}
