import { toError } from '@fp/errors';
import { createKafkaAdmin, type KafkaAdmin } from '@fp/kafka-admin';
import {
  createKafkaSource,
  type KafkaSource,
  type RawRecordBatch,
  type TopicPartition,
  type TopicPartitionOffset,
} from '@fp/kafka-source';
import {
  createKafkaSink,
  createTransactionalKafkaSink,
  type KafkaSink,
  type TransactionalKafkaSink,
} from '@fp/kafka-sink';
import { openLevelStore, type KeyedStore } from '@fp/keyed-state';
import { createSilentLogger, type Logger } from '@fp/log';
import {
  createTask,
  planPartitions,
  repartitionWriterOf,
  sumCounters,
  upstreamTaskCount,
  type PartitionPlan,
  type Task,
  type TaskCounters,
} from '@fp/stream-runtime';
import type { SubTopology, Topology } from '@fp/topology';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { restoreFromChangelog } from './changelog-restore';
import { createSerdePreparer } from './prepare-serdes';
import { createRepartitionOrigins, ORIGIN_HEADER, ORIGINS_METADATA_KEY } from './repartition-origins';
import { createRepartitionPurger } from './repartition-purge';
import {
  CHANGELOG_OFFSETS_HEADER,
  CHANGELOG_ORIGINS_HEADER,
  encodeOffsets,
  OFFSETS_METADATA_KEY,
  parseOffsets,
} from './checkpoint-offsets';
import { KafkaRuntimeError } from './errors';
import { createOutputWriter } from './output-writer';
import { fetchPartitionCounts } from './partition-counts';
import {
  DEFAULT_COMMIT_INTERVAL_MS,
  DEFAULT_MAX_BYTES_PER_PARTITION,
  DEFAULT_MAX_PENDING_OUTPUT_RECORDS,
  validateRunOptions,
  type StreamingRunOptions,
} from './run-options';
import type { RunSummary } from './run-summary';
import type { RunningTopology, RuntimeMetrics } from './running-topology';
import { createWatermarkMarkers, readWatermarkMarker } from './watermark-marker';

/** How often idle inputs and due checkpoints are looked at between batches (processing time). */
const IDLE_CHECK_INTERVAL_MS = 1_000;
/**
 * Where, under `<stateDir>/<application>`, the group member id survives a restart (see
 * kafka-source): `member-id` for the first stream thread, `member-id-thread-<n>` for the others.
 */
const memberIdFileName = (streamThread: number): string =>
  streamThread === 0 ? 'member-id' : `member-id-thread-${streamThread}`;
/** Internal topics are only read by this application; one replica suits single-broker development clusters. */
const DEFAULT_INTERNAL_REPLICATION_FACTOR = 1;

interface TaskRuntime {
  readonly task: Task;
  readonly partition: number;
  readonly subTopology: SubTopology;
  readonly stores: Map<string, KeyedStore<unknown>>;
  /** `topic#partition` -> next offset to read, for the inputs this task consumed. */
  readonly offsets: Map<string, string>;
  /** Watermarks this task owes its repartition topics, written once per batch. */
  readonly markers: ReturnType<typeof createWatermarkMarkers>;
  /** Origins of repartition records: stamps what this task writes, drops replays it reads. */
  readonly origins: ReturnType<typeof createRepartitionOrigins>;
  /** Exactly-once only: the task's own transactional producer (its id fences a zombie of the task). */
  readonly transactions: TransactionalKafkaSink | undefined;
}

/** Where a task's records go: the shared producer, or its transaction. */
type RecordSender = Pick<KafkaSink, 'send'>;

/**
 * Runs a topology as a member of the consumer group `applicationId`, Kafka Streams style: one task
 * per (sub-topology, partition) this member is assigned, state in LevelDB with a compacted
 * changelog topic per stateful step, re-keyed records through `<topology>-<step>-repartition` topics
 * together with watermark markers, and at-least-once checkpoints every `commitIntervalMs`, on
 * revocation and on `stop()`:
 *
 * 1. flush the producer (outputs, repartition records and markers acknowledged);
 * 2. produce each store's dirty entries to its changelog, tagged with the offsets they reflect, and flush;
 * 3. commit each store: one atomic LevelDB batch of that state and the offsets;
 * 4. commit the consumer offsets.
 *
 * On assignment a task opens its stores; when the local state is missing or behind the group's
 * committed offsets it is rebuilt from the changelog (skipping entries tagged beyond the committed
 * offsets), and the inputs are sought to the offsets the state reflects.
 */
export async function runStreaming(topology: Topology, options: StreamingRunOptions): Promise<RunningTopology> {
  validateRunOptions(topology, options);
  const now = options.now ?? Date.now;
  const startedAtMs = now();
  const log: Logger = options.log ?? createSilentLogger();
  // The topology name is the application id: group, internal topics (`<name>-<step>-...`) and state directory.
  const applicationId = topology.name;
  const commitIntervalMs = options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
  const maxPending = options.maxPendingOutputRecords ?? DEFAULT_MAX_PENDING_OUTPUT_RECORDS;
  const sourceTopics = [
    ...new Set(topology.nodes.flatMap((node) => (node.kind === 'source' ? [node.options.topic] : []))),
  ];
  const repartitionTopics = Object.values(topology.repartitionTopics);

  const admin = createKafkaAdmin({ connection: options.connection, log });
  const sink = createKafkaSink({ connection: options.connection, log });
  let plan: PartitionPlan;
  try {
    const counts = await fetchPartitionCounts(admin, sourceTopics);
    plan = planPartitions(topology, (topic) => counts.get(topic) ?? 1);
    await ensureInternalTopics(
      admin,
      topology,
      plan,
      options.internalTopicReplicationFactor ?? DEFAULT_INTERNAL_REPLICATION_FACTOR,
    );
  } catch (error) {
    await Promise.allSettled([sink.close(), admin.close()]);
    throw error;
  }

  const tasks = new Map<string, TaskRuntime>();
  const purger = createRepartitionPurger({
    admin,
    repartitionTopics,
    now,
    log,
    ...(options.repartitionPurgeIntervalMs === undefined ? {} : { intervalMs: options.repartitionPurgeIntervalMs }),
  });
  const prepareSerdes = createSerdePreparer(topology);
  const lag = new Map<string, number>();
  const isExactlyOnce = options.guarantee === 'exactly-once';
  const closedCounters: TaskCounters[] = [];
  let checkpoints = 0;
  let changelogRestores = 0;
  let stateBytes = 0;
  let replayedRepartitionRecords = 0;
  let batchesDuringCheckpoints = 0;
  let lastCheckpointDurationMs = 0;
  let lastCheckpointAtMs = now();
  let isReady = false;
  let checkpointChain: Promise<void> = Promise.resolve();
  /** Checkpoints asked for and not yet settled. */
  let checkpointsPending = 0;

  const subTopologyReading = (topic: string): SubTopology | undefined =>
    topology.subTopologies.find((subTopology) => subTopology.inputTopics.includes(topic));

  async function openTask(subTopology: SubTopology, partition: number): Promise<TaskRuntime> {
    const taskId = `${subTopology.id}_${partition}`;
    const stores = new Map<string, KeyedStore<unknown>>();
    for (const stepName of subTopology.stores) {
      stores.set(
        stepName,
        await openLevelStore<unknown>({ path: join(options.stateDir, applicationId, taskId, stepName) }),
      );
    }
    const inputs = subTopology.inputTopics.map((topic) => ({ topic, partition }));
    const committed = await admin.fetchCommittedOffsets(applicationId, subTopology.inputTopics);
    const committedByInput = new Map(
      committed
        .filter(({ partition: p }) => p === partition)
        .map(({ topic, offset }) => [`${topic}#${partition}`, offset]),
    );
    for (const [stepName, opened] of stores) {
      const local = parseOffsets(opened.committedMetadata()[OFFSETS_METADATA_KEY]);
      const isBehind = [...committedByInput].some(
        ([input, offset]) => BigInt(local.get(input) ?? '-1') < BigInt(offset),
      );
      if (!isBehind) continue;
      log.info(
        {
          task: taskId,
          store: stepName,
          local: Object.fromEntries(local),
          committed: Object.fromEntries(committedByInput),
        },
        'local state missing or behind the committed offsets: rebuilding it from the changelog',
      );
      // Stale local keys may have been deleted long ago (their tombstones compacted away): start empty.
      await opened.destroy();
      const store = await openLevelStore<unknown>({ path: join(options.stateDir, applicationId, taskId, stepName) });
      stores.set(stepName, store);
      await restoreFromChangelog({
        connection: options.connection,
        log,
        store,
        changelogTopic: topology.changelogTopics[stepName] as string,
        partition,
        committed: committedByInput,
      });
      changelogRestores++;
    }
    // All stores of a task are committed together, so any of them says where the state stands.
    const [firstStore] = stores.values();
    const reflected = firstStore
      ? parseOffsets(firstStore.committedMetadata()[OFFSETS_METADATA_KEY])
      : new Map<string, string>();
    const offsets = new Map<string, string>();
    const origins = createRepartitionOrigins({
      committed: firstStore?.committedMetadata()[ORIGINS_METADATA_KEY],
      inputTopics: subTopology.inputTopics,
      writerInputTopics: (topic) => repartitionWriterOf(topology, topic)?.inputTopics,
      onUnresolved: (message) => log.warn({ task: taskId }, message),
    });
    const markers = createWatermarkMarkers((topic) => partitionsOfInternal(plan, topic));
    const transactions = isExactlyOnce
      ? createTransactionalKafkaSink({
          connection: options.connection,
          log,
          transactionalId: `${applicationId}-task-${taskId}`,
        })
      : undefined;
    // Starting the transaction initialises the producer id, which fences any older producer of this task.
    await transactions?.beginTransaction();
    const sender: RecordSender = transactions ?? sink;
    const writer = createOutputWriter(sender, options.deadLetterTopic);
    const task = createTask({
      topology,
      subTopology,
      partition,
      repartitionPartitions: (topic) => partitionsOfInternal(plan, topic),
      upstreamTasks: (topic) => upstreamTaskCount(topology, plan, topic),
      store: (stepName) => stores.get(stepName) as KeyedStore<unknown>,
      now,
      output: {
        send: (topic, targetPartition, key, value, timestampMs) => {
          if (targetPartition === undefined) {
            writer.onOutput({ topic, partition: 0, offset: '', key, value, timestampMs });
            return;
          }
          const origin = origins.nextOrigin();
          if (origin === undefined) sender.send({ topic, partition: targetPartition, key, value, timestampMs });
          else
            sender.send({
              topic,
              partition: targetPartition,
              key,
              value,
              timestampMs,
              headers: { [ORIGIN_HEADER]: origin },
            });
        },
        watermark: (topic, fromTaskId, watermarkMs) => markers.note(topic, fromTaskId, watermarkMs),
        deadLetter: (record, error, stepName) => writer.onDeadLetter({ record, error, stepName }),
      },
    });
    await task.restore();
    // Stream time survives restarts in the commit metadata, as in Kafka Streams: without it a task
    // restarted without new input would hold every downstream window back.
    const snapshot = committed.find(({ partition: p, metadata }) => p === partition && metadata)?.metadata;
    if (snapshot) task.restoreWatermarks(JSON.parse(snapshot) as Record<string, number>);
    for (const input of inputs) {
      const offset = reflected.get(`${input.topic}#${input.partition}`);
      if (offset !== undefined) {
        source.seek({ ...input, offset });
        offsets.set(`${input.topic}#${input.partition}`, offset);
      }
    }
    log.info({ task: taskId, seekTo: Object.fromEntries(offsets) }, 'task ready');
    return { task, partition, subTopology, stores, offsets, markers, origins, transactions };
  }

  async function closeTask(runtime: TaskRuntime): Promise<void> {
    closedCounters.push({ ...runtime.task.counters });
    // The partitions go to another member, which reports their lag from now on.
    for (const topic of runtime.subTopology.inputTopics) lag.delete(`${topic}[${runtime.partition}]`);
    for (const store of runtime.stores.values()) await store.close();
    await runtime.transactions?.close();
    tasks.delete(runtime.task.id);
  }

  function processBatch(batch: RawRecordBatch): void {
    const subTopology = subTopologyReading(batch.topic);
    const runtime = subTopology ? tasks.get(`${subTopology.id}_${batch.partition}`) : undefined;
    if (!runtime) {
      throw new KafkaRuntimeError(
        'KAFKA_RUNTIME_INVALID_OPTIONS',
        `received ${batch.topic}[${batch.partition}] but no task of this member reads it`,
      );
    }
    const isStateful = runtime.stores.size > 0;
    for (const record of batch.records) {
      runtime.origins.startRecord(record.topic, record.partition, record.offset);
      const marker = readWatermarkMarker(record.headers);
      if (marker) runtime.task.watermarkMarker(record.topic, marker.fromTaskId, marker.watermarkMs);
      else if (!isStateful || runtime.origins.isNew(singleHeader(record.headers[ORIGIN_HEADER]), record.topic))
        runtime.task.process(record);
      else replayedRepartitionRecords++;
    }
    runtime.origins.endRecord();
    const last = batch.records.at(-1);
    if (last) {
      const next = (BigInt(last.offset) + 1n).toString();
      runtime.offsets.set(`${batch.topic}#${batch.partition}`, next);
      lag.set(`${batch.topic}[${batch.partition}]`, Number(BigInt(batch.highWatermark) - BigInt(next)));
    }
  }

  /**
   * The four checkpoint steps; serialized, so a revocation never interleaves with a periodic one.
   * With at-least-once, everything a checkpoint covers is taken in one synchronous step between two
   * batches (consumed offsets, markers, the stores' changelog snapshots, the repartition origins),
   * so batches processed while it waits for the broker and the disk belong to the next one.
   */
  function checkpoint(reason: string): Promise<void> {
    // Counted from when it is asked for: a batch finishing meanwhile must not chain a second one.
    lastCheckpointAtMs = now();
    checkpointsPending++;
    checkpointChain = checkpointChain.then(async () => {
      const startedMs = now();
      const consumed: TopicPartitionOffset[] = [];
      for (const runtime of tasks.values()) {
        runtime.markers.flush(runtime.transactions ?? sink);
        consumed.push(...consumedOffsets(runtime));
      }
      // Where a checkpoint's time goes (debug log): waiting for the producer, the changelog, the local commits.
      const phasesMs: Record<string, number> = {};
      let changelogRecords = 0;
      let phaseStartMs = startedMs;
      const phaseEnded = (phase: string): void => {
        const endMs = now();
        phasesMs[phase] = endMs - phaseStartMs;
        phaseStartMs = endMs;
      };
      if (isExactlyOnce) {
        for (const runtime of tasks.values()) await checkpointTransaction(runtime);
        phaseEnded('transactionsMs');
      } else {
        const sentBefore = changelogRecordsSent;
        const snapshots = [...tasks.values()].map((runtime) => ({
          runtime,
          metadata: produceChangelog(runtime, sink),
        }));
        changelogRecords = changelogRecordsSent - sentBefore;
        // Outputs and changelog records up to the snapshot; not those sent after it.
        await sink.flush();
        phaseEnded('flushMs');
        for (const { runtime, metadata } of snapshots) {
          for (const store of runtime.stores.values()) await store.commit(metadata);
        }
        phaseEnded('storeCommitMs');
        if (consumed.length > 0) await source.commit(consumed);
        phaseEnded('offsetCommitMs');
      }
      await purger.committed(consumed);
      stateBytes = await measureStateBytes();
      phaseEnded('purgeAndSizeMs');
      checkpoints++;
      lastCheckpointAtMs = now();
      lastCheckpointDurationMs = lastCheckpointAtMs - startedMs;
      log.debug(
        { reason, durationMs: lastCheckpointDurationMs, partitions: consumed.length, changelogRecords, ...phasesMs },
        'checkpoint',
      );
    });
    const settled = (): void => {
      checkpointsPending--;
    };
    checkpointChain.then(settled, settled);
    return checkpointChain;
  }

  /**
   * Exactly-once: outputs, repartition records, markers and dead letters are already in the task's
   * open transaction; add the changelog records and the consumed offsets, commit them atomically,
   * then commit the local state and open the next transaction. A zombie (fenced by a newer producer
   * with the same transactional id) fails here and stops.
   */
  async function checkpointTransaction(runtime: TaskRuntime): Promise<void> {
    const transactions = runtime.transactions as TransactionalKafkaSink;
    const metadata = produceChangelog(runtime, transactions);
    const consumed = consumedOffsets(runtime);
    if (consumed.length > 0) await transactions.sendOffsets(applicationId, consumed);
    await transactions.commit();
    for (const store of runtime.stores.values()) await store.commit(metadata);
    await transactions.beginTransaction();
  }

  async function measureStateBytes(): Promise<number> {
    let total = 0;
    for (const runtime of tasks.values()) {
      for (const store of runtime.stores.values()) total += await store.approximateSizeBytes();
    }
    return total;
  }

  /** Step 2: the dirty entries of every store of a task, tagged with the offsets they reflect. */
  /** Changelog records produced so far, for the checkpoint's debug line. */
  let changelogRecordsSent = 0;
  function produceChangelog(runtime: TaskRuntime, sender: RecordSender): Record<string, string> {
    const encoded = encodeOffsets(runtime.offsets);
    const origins = runtime.origins.encode();
    // Encoded once for all the checkpoint's records: the producer copies bytes, it would encode a string per record.
    const headers = {
      [CHANGELOG_OFFSETS_HEADER]: Buffer.from(encoded),
      [CHANGELOG_ORIGINS_HEADER]: Buffer.from(origins),
    };
    for (const [stepName, store] of runtime.stores) {
      const changelogTopic = topology.changelogTopics[stepName] as string;
      for (const entry of store.dirtyEntries()) {
        changelogRecordsSent++;
        sender.send({
          topic: changelogTopic,
          partition: runtime.partition,
          key: entry.key,
          value: entry.value,
          headers,
        });
      }
    }
    return { [OFFSETS_METADATA_KEY]: encoded, [ORIGINS_METADATA_KEY]: origins };
  }

  const source: KafkaSource = createKafkaSource({
    connection: options.connection,
    log,
    groupId: applicationId,
    topics: [...sourceTopics, ...repartitionTopics],
    assignment: 'co-partitioned',
    maxBytesPerPartition: options.maxBytesPerPartition ?? DEFAULT_MAX_BYTES_PER_PARTITION,
    // A successor restarted on this state directory after a crash rejoins as the crashed member.
    memberIdFile: join(options.stateDir, applicationId, memberIdFileName(options.streamThread ?? 0)),
    ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs: options.sessionTimeoutMs }),
    ...(options.startFrom === undefined ? {} : { startFrom: options.startFrom }),
    handler: async (batch) => {
      // One event-loop turn per batch: kafkajs hands over a fetch's batches back to back in
      // microtasks, so without it no produce acknowledgement, fetch response or timer is handled
      // until the whole fetch (a dozen batches) is processed, and the producer falls behind.
      await yieldToEventLoop();
      await prepareSerdes(batch);
      // With exactly-once, never process while a checkpoint is between its steps: records sent then
      // would join a transaction whose consumed offsets are already fixed. Awaited last, right
      // before processing, so a checkpoint the idle timer started meanwhile is waited for too.
      // With at-least-once, processing goes on while a checkpoint waits (see checkpoint()).
      if (isExactlyOnce) await checkpointChain;
      if (!isExactlyOnce && checkpointsPending > 0) batchesDuringCheckpoints++;
      processBatch(batch);
      for (const runtime of tasks.values()) runtime.markers.flush(runtime.transactions ?? sink);
      if (sink.pendingCount > maxPending) await sink.flush();
      if (now() - lastCheckpointAtMs < commitIntervalMs) return;
      if (isExactlyOnce) await checkpoint('interval');
      else checkpointInBackground('interval');
    },
    onAssigned: async (partitions) => {
      for (const taskKey of tasksFor(partitions)) {
        const [subTopologyId, partition] = taskKey.split('_').map(Number) as [number, number];
        const subTopology = topology.subTopologies[subTopologyId] as SubTopology;
        if (!tasks.has(taskKey)) tasks.set(taskKey, await openTask(subTopology, partition));
      }
      isReady = true;
    },
    onRevoked: async () => {
      await checkpoint('revocation');
      for (const runtime of [...tasks.values()]) await closeTask(runtime);
    },
  });

  function tasksFor(partitions: readonly TopicPartition[]): Set<string> {
    const keys = new Set<string>();
    for (const { topic, partition } of partitions) {
      const subTopology = subTopologyReading(topic);
      if (subTopology) keys.add(`${subTopology.id}_${partition}`);
    }
    return keys;
  }

  let backgroundFailure: Error | undefined;
  /** A checkpoint nobody awaits, unless one is asked for already; a failure stops the run. */
  function checkpointInBackground(reason: string): void {
    if (checkpointsPending > 0 || stopping !== undefined) return;
    checkpoint(reason).catch((error: unknown) => {
      backgroundFailure ??= toError(error);
      log.error({ err: backgroundFailure }, 'checkpoint failed: stopping');
      void source.stop();
    });
  }
  // Between batches: idle inputs, their markers, and checkpoints when no batch comes to trigger one
  // (with exactly-once, downstream tasks see nothing until a checkpoint commits the transaction).
  const idleTimer = setInterval(
    () => {
      // With exactly-once, a task's sink has no open transaction between a checkpoint's commit and
      // the next begin: markers or windows fired by an idle input would throw there. Next tick.
      if (isExactlyOnce && checkpointsPending > 0) return;
      for (const runtime of tasks.values()) {
        runtime.task.checkIdle();
        runtime.markers.flush(runtime.transactions ?? sink);
      }
      if (now() - lastCheckpointAtMs >= commitIntervalMs) checkpointInBackground('interval');
    },
    Math.min(IDLE_CHECK_INTERVAL_MS, commitIntervalMs),
  );
  idleTimer.unref();

  const counters = (): TaskCounters =>
    sumCounters([...closedCounters, ...[...tasks.values()].map((runtime) => runtime.task.counters)]);
  const summary = (): RunSummary => ({ mode: 'streaming', durationMs: now() - startedAtMs, ...counters() });

  let stopping: Promise<RunSummary> | undefined;
  async function shutdown(): Promise<RunSummary> {
    clearInterval(idleTimer);
    await source.stop();
    for (const runtime of [...tasks.values()]) await closeTask(runtime);
    await sink.close();
    await admin.close();
    log.info({ summary: summary() }, 'streaming run stopped');
    return summary();
  }

  const stopped = source.stopped.then(
    async () => {
      const result = await (stopping ?? shutdown());
      if (backgroundFailure) throw backgroundFailure;
      return result;
    },
    async (error: unknown) => {
      clearInterval(idleTimer);
      await Promise.allSettled([...tasks.values()].map((runtime) => runtime.transactions?.abort()));
      await Promise.allSettled([
        ...[...tasks.values()].map((runtime) => closeTask(runtime)),
        sink.close(),
        admin.close(),
      ]);
      throw toError(error);
    },
  );
  // Callers observe failures through `stopped`; an unobserved rejection must not crash the process first.
  stopped.catch(() => undefined);

  await source.start();
  log.info({ applicationId, tasks: [...tasks.keys()], commitIntervalMs }, 'streaming run started');

  return {
    isReady: () => isReady,
    metrics: (): RuntimeMetrics => ({
      ...counters(),
      consumerLag: Object.fromEntries(lag),
      watermarkMs: Object.fromEntries(
        [...tasks.values()].map((runtime) => [runtime.task.id, runtime.task.watermarkMs()]),
      ),
      checkpoints,
      lastCheckpointDurationMs,
      dirtyStateEntries: [...tasks.values()].reduce(
        (sum, runtime) => sum + [...runtime.stores.values()].reduce((inner, store) => inner + store.dirtyCount, 0),
        0,
      ),
      assignedTasks: [...tasks.keys()],
      changelogRestores,
      stateBytes,
      replayedRepartitionRecords,
      batchesDuringCheckpoints,
    }),
    stop: () => {
      stopping ??= shutdown();
      return stopping;
    },
    stopped,
  };
}

function singleHeader(value: Buffer | readonly Buffer[] | undefined): Buffer | undefined {
  return Array.isArray(value) ? (value[0] as Buffer | undefined) : (value as Buffer | undefined);
}

function consumedOffsets(runtime: TaskRuntime): TopicPartitionOffset[] {
  const metadata = JSON.stringify(runtime.task.watermarkSnapshot());
  return [...runtime.offsets].map(([input, offset]) => {
    const at = input.lastIndexOf('#');
    return { topic: input.slice(0, at), partition: Number(input.slice(at + 1)), offset, metadata };
  });
}

function partitionsOfInternal(plan: PartitionPlan, topic: string): number {
  const reader = plan.repartitionReaders.get(topic);
  return reader === undefined ? 1 : (plan.subTopologyPartitions.get(reader) ?? 1);
}

async function ensureInternalTopics(
  admin: KafkaAdmin,
  topology: Topology,
  plan: PartitionPlan,
  replicationFactor: number,
): Promise<void> {
  const specs = [
    ...Object.values(topology.repartitionTopics).map((topic) => ({
      topic,
      partitions: partitionsOfInternal(plan, topic),
      replicationFactor,
      // Kept regardless of age (re-keyed backfills carry old event times); purged once consumed.
      configs: { 'retention.ms': '-1' },
    })),
    ...topology.subTopologies.flatMap((subTopology) =>
      subTopology.stores.map((stepName) => ({
        topic: topology.changelogTopics[stepName] as string,
        partitions: plan.subTopologyPartitions.get(subTopology.id) ?? 1,
        replicationFactor,
        configs: { 'cleanup.policy': 'compact' },
      })),
    ),
  ];
  if (specs.length > 0) await admin.ensureTopics(specs);
}
