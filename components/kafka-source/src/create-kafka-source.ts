import { createKafkaClient, describeKafkaFailure, type KafkaConnectionOptions } from '@fp/kafka-connection';
import type { Logger } from '@fp/log';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { KafkaSourceError } from './errors';
import {
  byTopic,
  partitionKey,
  toRawRecord,
  type RawRecordBatch,
  type TopicPartition,
  type TopicPartitionOffset,
} from './raw-record';
import { coPartitionedAssigner } from './co-partitioned-assigner';
import { createMemberIdFile } from './member-id-file';
import { hookedRoundRobinAssigner, withHooks } from './rebalance-hooks';

/**
 * A third of kafkajs' default (3 s): a member learns that the group is rebalancing at its next
 * heartbeat, so a joining member (another stream thread, a scaled-out worker, a successor) waits
 * about a second for the others rather than three. One small request a second per member.
 */
const DEFAULT_HEARTBEAT_INTERVAL_MS = 1_000;
/** Kafka's advice: at least three heartbeats per session, so one lost beat does not expel a member. */
const HEARTBEATS_PER_SESSION = 3;

/** Where a partition starts when the group has no committed offset for it. */
export type StartPosition = 'earliest' | 'latest' | { readonly timestampMs: number };

export interface KafkaSourceOptions {
  readonly connection: KafkaConnectionOptions;
  readonly log?: Logger;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Default `'earliest'`. Committed offsets always win. */
  readonly startFrom?: StartPosition;
  /** Receives every batch; the next batch of any partition waits until it resolves. */
  readonly handler: (batch: RawRecordBatch) => Promise<void>;
  /** Awaited after a (re)join, before the first fetch: restore state, `seek` here. */
  readonly onAssigned?: (partitions: TopicPartition[]) => Promise<void>;
  /**
   * Awaited before this member rejoins the group (eager protocol: all its partitions), and on
   * `stop()`: checkpoint and `commit` here; the partitions cannot move until it resolves.
   */
  readonly onRevoked?: (partitions: TopicPartition[]) => Promise<void>;
  /**
   * Called for a fetch of a partition that held only transaction markers or aborted records (it
   * never reaches `handler`, yet the position moves past `lastOffset`).
   */
  readonly onSkippedBatch?: (topic: string, partition: number, lastOffset: string, highWatermark: string) => void;
  /** Default `'read_committed'`: records of aborted transactions are never delivered. */
  readonly isolationLevel?: 'read_committed' | 'read_uncommitted';
  /** kafkajs default 30 s: a member silent for this long is removed from the group. */
  readonly sessionTimeoutMs?: number;
  /** Upper bound for `onRevoked` (kafkajs default 60 s): slower members are removed from the group. */
  readonly rebalanceTimeoutMs?: number;
  /** Default 1 s, or a third of `sessionTimeoutMs` when that is shorter. */
  readonly heartbeatIntervalMs?: number;
  /** How long a fetch waits for data when the partitions are caught up. */
  readonly maxWaitTimeMs?: number;
  readonly maxBytesPerPartition?: number;
  /**
   * `round-robin` (default) spreads topic-partitions evenly; `co-partitioned` gives partition `p` of
   * every topic to one member, as stream tasks that read several co-partitioned topics need.
   */
  readonly assignment?: 'round-robin' | 'co-partitioned';
  /**
   * A file (e.g. in the worker's state directory) where the group member id is kept, so a process
   * restarted after a crash rejoins as the member it was and the group does not wait
   * `sessionTimeoutMs` for the dead one. One file per process: never share it between live members.
   */
  readonly memberIdFile?: string;
}

/** A running consumer-group member. */
export interface KafkaSource {
  /** Connects, joins the group and resolves once the first assignment went through `onAssigned`. */
  start(): Promise<void>;
  /** Resolves after `stop()`; rejects with KAFKA_SOURCE_HANDLER_FAILED / KAFKA_SOURCE_CONSUMER_FAILED. */
  readonly stopped: Promise<void>;
  /** Stops fetching, waits for the batch in hand, calls `onRevoked`, leaves the group. */
  stop(): Promise<void>;
  /**
   * Commits the next offsets to read (last processed + 1). @throws KAFKA_SOURCE_COMMIT_FAILED;
   * KAFKA_SOURCE_NOT_IN_GROUP when the consumer is not a group member now (kafkajs restarting it,
   * e.g. after a broker restart), where kafkajs would skip the commit without a word.
   */
  commit(offsets: readonly TopicPartitionOffset[]): Promise<void>;
  /** The next fetch of the partition starts at `offset`; a batch already fetched is dropped. */
  seek(position: TopicPartitionOffset): void;
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  /** The partitions this member owns now. */
  assignment(): TopicPartition[];
}

/** Hooks the bounded source uses; not part of the public options. */
export interface SourceInternals {
  /** Called after every delivered batch, and every batch filtered to nothing, with its last offset (control records included). */
  readonly onBatchEnd?: (topic: string, partition: number, lastOffset: string) => void;
  readonly kafka?: Kafka;
}

export function validateSourceOptions(options: KafkaSourceOptions): void {
  const problems: string[] = [];
  if (typeof options.groupId !== 'string' || options.groupId.trim() === '') {
    problems.push('groupId must be a non-empty string');
  }
  if (!Array.isArray(options.topics) || options.topics.length === 0) {
    problems.push('topics must list at least one topic');
  }
  if (typeof options.handler !== 'function') {
    problems.push('handler must be a function receiving record batches');
  }
  const start = options.startFrom;
  if (start !== undefined && start !== 'earliest' && start !== 'latest' && !Number.isFinite(start.timestampMs)) {
    problems.push(`startFrom must be 'earliest', 'latest' or { timestampMs }, got ${JSON.stringify(start)}`);
  }
  for (const name of [
    'sessionTimeoutMs',
    'rebalanceTimeoutMs',
    'heartbeatIntervalMs',
    'maxWaitTimeMs',
    'maxBytesPerPartition',
  ] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      problems.push(`${name} must be a positive number, got ${String(value)}`);
    }
  }
  if (problems.length > 0) {
    throw new KafkaSourceError('KAFKA_SOURCE_INVALID_OPTIONS', `invalid Kafka source options: ${problems.join('; ')}`);
  }
}

function flatten(assigned: { topic: string; partitions: number[] }[]): TopicPartition[] {
  return assigned.flatMap(({ topic, partitions }) => partitions.map((partition) => ({ topic, partition })));
}

export function createKafkaSource(options: KafkaSourceOptions, internals: SourceInternals = {}): KafkaSource {
  validateSourceOptions(options);
  const kafka = internals.kafka ?? createKafkaClient(options.connection, options.log);
  const log = options.log;
  let assignment: TopicPartition[] = [];
  const paused = new Map<string, TopicPartition>();
  let consumer: Consumer | undefined;
  let isRunning = false;
  let isStopping = false;
  let stopping: Promise<void> | undefined;
  let failure: KafkaSourceError | undefined;
  let inFlight: Promise<void> | undefined;
  // Rebalance hooks and stop() take turns: a revocation never overlaps an assignment.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const result = turn.then(task);
    turn = result.catch(() => undefined);
    return result;
  };

  let settleStopped!: { resolve: () => void; reject: (error: Error) => void };
  const stopped = new Promise<void>((resolve, reject) => {
    settleStopped = { resolve, reject };
  });
  // Callers that never await `stopped` must not see an unhandled rejection.
  stopped.catch(() => undefined);

  function fail(
    code: 'KAFKA_SOURCE_HANDLER_FAILED' | 'KAFKA_SOURCE_CONSUMER_FAILED',
    what: string,
    error: unknown,
  ): void {
    if (failure !== undefined) {
      return;
    }
    failure = new KafkaSourceError(code, `${what}: ${describeKafkaFailure(error, options.connection)}`, {
      cause: error,
    });
    log?.error({ err: failure, groupId: options.groupId }, 'kafka source failed; stopping');
    void shutdown();
  }

  async function callRevoked(): Promise<void> {
    const revoked = assignment;
    assignment = [];
    if (revoked.length === 0 || options.onRevoked === undefined || failure !== undefined) {
      return;
    }
    try {
      await options.onRevoked(revoked);
    } catch (error) {
      fail('KAFKA_SOURCE_HANDLER_FAILED', 'onRevoked failed', error);
    }
  }

  const heartbeatIntervalMs =
    options.heartbeatIntervalMs ??
    Math.min(
      DEFAULT_HEARTBEAT_INTERVAL_MS,
      Math.floor((options.sessionTimeoutMs ?? Number.POSITIVE_INFINITY) / HEARTBEATS_PER_SESSION),
    );
  const memberIdFile = options.memberIdFile === undefined ? undefined : createMemberIdFile(options.memberIdFile);
  const hooks: Parameters<typeof hookedRoundRobinAssigner>[0] = {
    beforeJoin: () => exclusive(callRevoked),
    rememberedMemberId: () => memberIdFile?.load(),
    afterJoin: (assigned, memberId, heartbeat) =>
      exclusive(async () => {
        memberIdFile?.save(memberId);
        assignment = flatten(assigned);
        log?.info({ groupId: options.groupId, partitions: assignment.map(partitionKey) }, 'partitions assigned');
        // Eager protocol: every partition arrives fresh, so no pause carries over from the last generation.
        if (paused.size > 0) {
          consumer?.resume(byTopic([...paused.values()]));
          paused.clear();
        }
        if (isStopping || failure !== undefined) {
          return;
        }
        // onAssigned may restore state for minutes: keep the membership alive meanwhile.
        const heartbeats = setInterval(() => {
          heartbeat().catch((error: unknown) => log?.warn({ err: error }, 'heartbeat during onAssigned failed'));
        }, heartbeatIntervalMs);
        try {
          await seekToStartTimestamp(assignment);
          await options.onAssigned?.(assignment);
        } catch (error) {
          fail('KAFKA_SOURCE_HANDLER_FAILED', 'onAssigned failed', error);
        } finally {
          clearInterval(heartbeats);
        }
      }),
  };
  const assigner =
    options.assignment === 'co-partitioned' ? withHooks(coPartitionedAssigner, hooks) : hookedRoundRobinAssigner(hooks);

  /** Partitions with no committed offset start at the first record at or after `startFrom.timestampMs`. */
  async function seekToStartTimestamp(partitions: TopicPartition[]): Promise<void> {
    const start = options.startFrom;
    if (start === undefined || typeof start === 'string' || partitions.length === 0) {
      return;
    }
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = [...new Set(partitions.map(({ topic }) => topic))];
      const committed = await admin.fetchOffsets({ groupId: options.groupId, topics });
      const hasCommit = new Set(
        committed.flatMap(({ topic, partitions: rows }) =>
          rows.filter(({ offset }) => BigInt(offset) >= 0n).map(({ partition }) => partitionKey({ topic, partition })),
        ),
      );
      for (const topic of topics) {
        const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, start.timestampMs);
        for (const { partition, offset } of offsets) {
          const tp = { topic, partition };
          if (
            !hasCommit.has(partitionKey(tp)) &&
            partitions.some((owned) => partitionKey(owned) === partitionKey(tp))
          ) {
            consumer?.seek({ topic, partition, offset });
          }
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const tp = { topic: batch.topic, partition: batch.partition };
    // Not resolving the batch makes kafkajs fetch it again after a resume or a rejoin.
    if (
      isStopping ||
      failure !== undefined ||
      paused.has(partitionKey(tp)) ||
      payload.isStale() ||
      !payload.isRunning()
    ) {
      return;
    }
    const delivery = options.handler({
      ...tp,
      highWatermark: batch.highWatermark,
      lastOffset: batch.lastOffset(),
      records: batch.messages.map((message) => toRawRecord(batch.topic, batch.partition, message)),
    });
    inFlight = delivery.then(
      () => undefined,
      () => undefined,
    );
    try {
      await delivery;
    } catch (error) {
      fail(
        'KAFKA_SOURCE_HANDLER_FAILED',
        `handler failed on ${partitionKey(tp)} at offset ${batch.firstOffset() ?? '?'}`,
        error,
      );
      return;
    } finally {
      inFlight = undefined;
    }
    payload.resolveOffset(batch.lastOffset());
    internals.onBatchEnd?.(batch.topic, batch.partition, batch.lastOffset());
  }

  async function shutdown(): Promise<void> {
    stopping ??= (async () => {
      isStopping = true;
      const current = consumer;
      if (current !== undefined && assignment.length > 0) {
        current.pause(byTopic(assignment));
      }
      await inFlight;
      await exclusive(callRevoked);
      try {
        await current?.disconnect();
        // disconnect() left the group: the id is void.
        memberIdFile?.forget();
      } catch (error) {
        log?.warn({ err: error }, 'kafka source disconnect failed');
      }
      isRunning = false;
      if (failure === undefined) {
        settleStopped.resolve();
      } else {
        settleStopped.reject(failure);
      }
    })();
    return stopping;
  }

  function requireConsumer(what: string): Consumer {
    if (consumer === undefined || !isRunning) {
      throw new KafkaSourceError('KAFKA_SOURCE_NOT_RUNNING', `${what} needs a started source: call start() first`);
    }
    return consumer;
  }

  return {
    async start() {
      if (consumer !== undefined) {
        throw new KafkaSourceError('KAFKA_SOURCE_NOT_RUNNING', 'start() called twice: create a new source instead');
      }
      const created = kafka.consumer({
        groupId: options.groupId,
        partitionAssigners: [assigner],
        readUncommitted: options.isolationLevel === 'read_uncommitted',
        ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
        ...(options.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: options.rebalanceTimeoutMs }),
        heartbeatInterval: heartbeatIntervalMs,
        ...(options.maxWaitTimeMs === undefined ? {} : { maxWaitTimeInMs: options.maxWaitTimeMs }),
        ...(options.maxBytesPerPartition === undefined ? {} : { maxBytesPerPartition: options.maxBytesPerPartition }),
      });
      consumer = created;
      created.on(created.events.CRASH, ({ payload }) => {
        if (!payload.restart) {
          fail('KAFKA_SOURCE_CONSUMER_FAILED', 'the kafkajs consumer crashed', payload.error);
        }
      });
      const { onBatchEnd } = internals;
      const { onSkippedBatch } = options;
      if (onBatchEnd !== undefined || onSkippedBatch !== undefined) {
        // Batches holding only control records or aborted records never reach eachBatch, but they move the position.
        created.on(created.events.END_BATCH_PROCESS, ({ payload }) => {
          if (payload.batchSize !== 0) return;
          onBatchEnd?.(payload.topic, payload.partition, payload.lastOffset);
          if (!isStopping)
            onSkippedBatch?.(payload.topic, payload.partition, payload.lastOffset, payload.highWatermark);
        });
      }
      try {
        await created.connect();
        for (const topic of options.topics) {
          await created.subscribe({ topic, fromBeginning: options.startFrom !== 'latest' });
        }
        isRunning = true;
        // run() resolves after the first join, i.e. after afterJoin (and onAssigned) ran.
        await created.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
      } catch (error) {
        fail('KAFKA_SOURCE_CONSUMER_FAILED', 'could not start the consumer', error);
      }
      if (failure !== undefined) {
        throw failure;
      }
    },

    stopped,

    stop: () => shutdown(),

    async commit(offsets) {
      const current = requireConsumer('commit()');
      // kafkajs returns without committing when its runner is not running (a crashed consumer
      // rejoining): only its COMMIT_OFFSETS event says a commit reached the coordinator.
      let isCommitted = offsets.length === 0;
      const removeListener = current.on(current.events.COMMIT_OFFSETS, () => {
        isCommitted = true;
      });
      try {
        await current.commitOffsets(
          offsets.map(({ topic, partition, offset, metadata }) => ({
            topic,
            partition,
            offset,
            ...(metadata === undefined ? {} : { metadata }),
          })),
        );
      } catch (error) {
        throw new KafkaSourceError(
          'KAFKA_SOURCE_COMMIT_FAILED',
          `commit of ${offsets.map((o) => `${partitionKey(o)}@${o.offset}`).join(', ')} failed: ${describeKafkaFailure(error, options.connection)}`,
          { cause: error },
        );
      } finally {
        removeListener();
      }
      if (!isCommitted) {
        throw new KafkaSourceError(
          'KAFKA_SOURCE_NOT_IN_GROUP',
          `offsets ${offsets.map((o) => `${partitionKey(o)}@${o.offset}`).join(', ')} not committed: the consumer is not a member of group ${options.groupId} now (rejoining after a broker restart or a session timeout)`,
        );
      }
    },

    seek(position) {
      requireConsumer('seek()').seek({ topic: position.topic, partition: position.partition, offset: position.offset });
    },

    pause(partitions) {
      const current = requireConsumer('pause()');
      for (const tp of partitions) {
        paused.set(partitionKey(tp), { topic: tp.topic, partition: tp.partition });
      }
      current.pause(byTopic(partitions));
    },

    resume(partitions) {
      const current = requireConsumer('resume()');
      for (const tp of partitions) {
        paused.delete(partitionKey(tp));
      }
      current.resume(byTopic(partitions));
    },

    assignment: () => [...assignment],
  };
}
