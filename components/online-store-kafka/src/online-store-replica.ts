import { createKafkaAdmin, type PartitionOffset } from '@fp/kafka-admin';
import { describeKafkaFailure, type KafkaConnectionOptions } from '@fp/kafka-connection';
import { createKafkaSource, type RawRecordBatch, type TopicPartition } from '@fp/kafka-source';
import type { Logger } from '@fp/log';
import type { OnlineStore, ViewStore } from '@fp/online-store';
import { randomUUID } from 'node:crypto';
import { OnlineStoreKafkaError } from './errors';
import { laterOffset, recordsBehind, type PartitionProgress } from './partition-progress';

/** Rows stay in memory for at most this long before they are committed with their offsets. */
export const DEFAULT_COMMIT_INTERVAL_MS = 1_000;
/** A view with this many uncommitted rows commits before reading on, so memory stays bounded while catching up. */
export const DEFAULT_MAX_UNCOMMITTED_ROWS = 200_000;
/** A caught-up replica sees a new row within this long of its write (kafkajs waits up to 5 s by default). */
const DEFAULT_MAX_WAIT_MS = 100;

export interface OnlineStoreReplicaOptions {
  readonly connection: KafkaConnectionOptions;
  readonly store: OnlineStore;
  readonly log: Logger;
  readonly commitIntervalMs?: number;
  readonly maxUncommittedRows?: number;
  /** How long a fetch of caught-up partitions waits for new records (default 100 ms). */
  readonly maxWaitTimeMs?: number;
}

/** A running replica: the store follows its views' topics until `stop()`. */
export interface OnlineStoreReplica {
  /** Resolves once every partition has been read up to the end offsets captured at start. */
  readonly caughtUp: Promise<void>;
  isCaughtUp(): boolean;
  /** Per view and partition: position, end offset at start, high watermark, lag. */
  progress(): PartitionProgress[];
  /** Stops reading and commits every view (rows and positions), so a restart resumes there. */
  stop(): Promise<void>;
  /** Settles after `stop()`; rejects with the failure that stopped the replica (Kafka, LevelDB, registry). */
  readonly stopped: Promise<void>;
}

interface Tracked {
  readonly view: ViewStore;
  readonly partition: number;
  readonly endOffsetAtStart: string;
  highWatermark: string;
}

/**
 * Makes the store a full replica of its views' topics: it reads **every** partition (no consumer
 * group shares the work: each replica holds everything, and more replicas serve more reads), from
 * each view's committed positions (the log start where it has none), and never commits offsets to
 * Kafka: its offsets live in the store, committed with the rows. kafkajs has no manual `assign()`,
 * so, as `createBoundedKafkaSource` does, it joins a consumer group of its own (a random id, alone
 * in it, so it owns every partition) and seeks each partition on assignment.
 *
 * @throws OnlineStoreKafkaError `ONLINE_STORE_KAFKA_FAILED` when a topic's offsets cannot be read
 *   (a missing topic, no broker) or the consumer cannot start
 */
export async function startOnlineStoreReplica(options: OnlineStoreReplicaOptions): Promise<OnlineStoreReplica> {
  validateOptions(options);
  const { store, log } = options;
  const viewsByTopic = groupByTopic(store.views);
  const tracked = await captureStart(options, viewsByTopic);
  const commitIntervalMs = options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
  const maxUncommittedRows = options.maxUncommittedRows ?? DEFAULT_MAX_UNCOMMITTED_ROWS;

  let isCaughtUp = false;
  let markCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => {
    markCaughtUp = resolve;
  });
  const checkCaughtUp = (): void => {
    if (isCaughtUp) return;
    if (
      tracked.every(
        ({ view, partition, endOffsetAtStart }) => recordsBehind(positionOf(view, partition), endOffsetAtStart) === 0,
      )
    ) {
      isCaughtUp = true;
      log.info(
        { views: store.views.map(({ name }) => name) },
        'online store caught up with the end offsets seen at start',
      );
      markCaughtUp();
    }
  };

  let commits: Promise<void> = Promise.resolve();
  const commitViews = (views: readonly ViewStore[]): Promise<void> => {
    commits = commits.then(async () => {
      await Promise.all(views.filter(hasUncommittedWork).map((view) => view.commit()));
    });
    return commits;
  };

  const handler = async (batch: RawRecordBatch): Promise<void> => {
    for (const view of viewsByTopic.get(batch.topic) ?? []) {
      const records = unread(batch, positionOf(view, batch.partition));
      if (records.length > 0) await view.apply(batch.partition, records);
      if (view.dirtyCount >= maxUncommittedRows) await commitViews([view]);
    }
    for (const entry of tracked) {
      if (entry.view.topic === batch.topic && entry.partition === batch.partition) {
        entry.highWatermark = laterOffset(entry.highWatermark, batch.highWatermark);
      }
    }
  };

  const source = createKafkaSource(
    {
      connection: options.connection,
      log,
      groupId: `${options.connection.clientId}-replica-${randomUUID()}`,
      topics: [...viewsByTopic.keys()],
      startFrom: 'earliest',
      maxWaitTimeMs: options.maxWaitTimeMs ?? DEFAULT_MAX_WAIT_MS,
      handler,
      onAssigned: async (partitions) => {
        for (const tp of partitions) {
          source.seek({ ...tp, offset: startOffsetOf(viewsByTopic.get(tp.topic) ?? [], tp) });
        }
      },
    },
    {
      // After every batch (also one holding only transaction markers): the position moves past it.
      onBatchEnd: (topic, partition, lastOffset) => {
        const next = (BigInt(lastOffset) + 1n).toString();
        for (const view of viewsByTopic.get(topic) ?? []) {
          if (BigInt(next) > BigInt(positionOf(view, partition))) view.advance(partition, next);
        }
        checkCaughtUp();
      },
    },
  );

  checkCaughtUp();
  await source.start();
  log.info(
    {
      views: store.views.map(({ name }) => name),
      recordsBehind: tracked.reduce(
        (sum, { view, partition, endOffsetAtStart }) =>
          sum + recordsBehind(positionOf(view, partition), endOffsetAtStart),
        0,
      ),
    },
    'reading the view topics',
  );
  const timer = setInterval(() => {
    commitViews(store.views).catch((error: unknown) => {
      log.error({ err: error }, 'online store commit failed; stopping');
      void source.stop();
    });
  }, commitIntervalMs);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(timer);
      await source.stop();
      await commitViews(store.views);
    })();
    return stopping;
  };
  const stopped = (async () => {
    try {
      await source.stopped;
    } finally {
      clearInterval(timer);
    }
    await commits;
    await stop();
  })();
  stopped.catch(() => undefined);

  return {
    caughtUp,
    isCaughtUp: () => isCaughtUp,
    progress: () =>
      tracked.map(({ view, partition, endOffsetAtStart, highWatermark }) => {
        const position = positionOf(view, partition);
        return {
          view: view.name,
          topic: view.topic,
          partition,
          position,
          endOffsetAtStart,
          highWatermark,
          lagRecords: recordsBehind(position, highWatermark),
        };
      }),
    stop,
    stopped,
  };
}

function validateOptions(options: OnlineStoreReplicaOptions): void {
  const problems = (['commitIntervalMs', 'maxUncommittedRows', 'maxWaitTimeMs'] as const).flatMap((name) => {
    const value = options[name];
    return value === undefined || (Number.isSafeInteger(value) && value > 0)
      ? []
      : [`${name} must be a positive integer, got ${String(value)}`];
  });
  if (options.store.views.length === 0) problems.push('the store holds no view to replicate');
  if (problems.length > 0) {
    throw new OnlineStoreKafkaError(
      'ONLINE_STORE_KAFKA_INVALID_OPTIONS',
      `invalid replica options: ${problems.join('; ')}`,
    );
  }
}

function groupByTopic(views: readonly ViewStore[]): Map<string, ViewStore[]> {
  const byTopic = new Map<string, ViewStore[]>();
  for (const view of views) byTopic.set(view.topic, [...(byTopic.get(view.topic) ?? []), view]);
  return byTopic;
}

/**
 * The end offsets to catch up with, and each view's starting position: its committed one, moved up
 * to the log start when retention deleted records it never read (they cannot be read any more).
 */
async function captureStart(
  options: OnlineStoreReplicaOptions,
  viewsByTopic: ReadonlyMap<string, readonly ViewStore[]>,
): Promise<Tracked[]> {
  const admin = createKafkaAdmin({ connection: options.connection, log: options.log });
  const tracked: Tracked[] = [];
  try {
    for (const [topic, views] of viewsByTopic) {
      let starts: PartitionOffset[];
      let ends: PartitionOffset[];
      try {
        [starts, ends] = await Promise.all([admin.fetchStartOffsets(topic), admin.fetchEndOffsets(topic)]);
      } catch (error) {
        throw new OnlineStoreKafkaError(
          'ONLINE_STORE_KAFKA_FAILED',
          `cannot read the offsets of topic ${topic} (views ${views.map(({ name }) => name).join(', ')}): ${describeKafkaFailure(error, options.connection)}`,
          { cause: error },
        );
      }
      for (const view of views) {
        for (const { partition, offset: end } of ends) {
          const logStart = starts.find((start) => start.partition === partition)?.offset ?? '0';
          const committed = view.positions().get(partition);
          if (committed === undefined || BigInt(committed) < BigInt(logStart)) view.advance(partition, logStart);
          tracked.push({ view, partition, endOffsetAtStart: end, highWatermark: end });
        }
      }
    }
  } finally {
    await admin.close();
  }
  return tracked;
}

function positionOf(view: ViewStore, partition: number): string {
  return view.positions().get(partition) ?? '0';
}

/** Where to read a partition from: the lowest position among the views that read it. */
function startOffsetOf(views: readonly ViewStore[], { partition }: TopicPartition): string {
  return views.map((view) => positionOf(view, partition)).reduce((a, b) => (BigInt(a) <= BigInt(b) ? a : b));
}

/** The batch's records at or after `position` (a fetch may start before a seeked offset). */
function unread(batch: RawRecordBatch, position: string): RawRecordBatch['records'] {
  const { records } = batch;
  const first = records[0];
  if (first === undefined || BigInt(first.offset) >= BigInt(position)) return records;
  const from = BigInt(position);
  return records.filter(({ offset }) => BigInt(offset) >= from);
}

function hasUncommittedWork(view: ViewStore): boolean {
  if (view.dirtyCount > 0) return true;
  const committed = view.committedPositions();
  for (const [partition, offset] of view.positions()) {
    if (committed.get(partition) !== offset) return true;
  }
  return false;
}
