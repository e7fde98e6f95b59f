import type { KafkaAdmin } from '@fp/kafka-admin';
import { createTransactionalKafkaSink, type KafkaSink } from '@fp/kafka-sink';
import type { TopicPartitionOffset } from '@fp/kafka-source';
import { openLevelStore, type KeyedStore } from '@fp/keyed-state';
import type { Logger } from '@fp/log';
import { createTask, upstreamTaskCount, type PartitionPlan } from '@fp/stream-runtime/internal';
import type { Topology } from '@fp/topology';
import type { SubTopology } from '@fp/topology/internal';
import { join } from 'node:path';
import { restoreFromChangelog } from './changelog-restore';
import { CHECKPOINT_METADATA_KEY, OFFSETS_METADATA_KEY, parseOffsets } from './checkpoint-offsets';
import { parseCommitMetadata } from './commit-metadata';
import { partitionsOfInternal } from './internal-topics';
import { createOutputWriter } from './output-writer';
import { createRepartitionOrigins, ORIGIN_HEADER, ORIGINS_METADATA_KEY } from './repartition-origins';
import type { StreamingRunOptions } from './run-options';
import { isLocalStateTrusted } from './state-trust';
import { inputKey, type RecordSender, type TaskRuntime } from './task-runtime';
import { createWatermarkMarkers } from './watermark-marker';

export interface TaskLifecycleContext {
  readonly topology: Topology;
  readonly plan: PartitionPlan;
  readonly options: StreamingRunOptions;
  readonly admin: KafkaAdmin;
  /** The shared (at-least-once) producer. */
  readonly sink: KafkaSink;
  readonly log: Logger;
  readonly now: () => number;
  /** Where the task's inputs start: the source's seek. */
  readonly seek: (position: TopicPartitionOffset) => void;
  /** Told each time a store is rebuilt from its changelog. */
  readonly onRestored: () => void;
}

/**
 * Opening and closing tasks (assignment, restore, revocation). A task opens in this order:
 *
 * 1. exactly-once: its transactional producer starts, which fences the producer of a crashed or
 *    zombie owner and completes (aborts or commits) its pending transaction, so that
 * 2. the group's committed offsets fetched next are stable;
 * 3. each store is kept or rebuilt from its changelog as `isLocalStateTrusted` decides;
 * 4. the stream time committed with the offsets is restored, and the inputs are sought to the
 *    offsets the state reflects.
 */
export function createTaskLifecycle(context: TaskLifecycleContext) {
  const { topology, plan, options, admin, sink, log } = context;
  const applicationId = topology.name;
  const isExactlyOnce = options.guarantee === 'exactly-once';
  const storePath = (taskId: string, stepName: string): string =>
    join(options.stateDir, applicationId, taskId, stepName);

  async function openStores(
    subTopology: SubTopology,
    partition: number,
    committed: readonly TopicPartitionOffset[],
  ): Promise<Map<string, KeyedStore<unknown>>> {
    const taskId = `${subTopology.id}_${partition}`;
    const committedByInput = new Map(
      committed
        .filter(({ partition: p }) => p === partition)
        .map(({ topic, offset }) => [inputKey(topic, partition), offset]),
    );
    const committedCheckpoint = checkpointNumberOf(committed, partition);
    const stores = new Map<string, KeyedStore<unknown>>();
    for (const stepName of subTopology.stores) {
      const opened = await openLevelStore<unknown>({ path: storePath(taskId, stepName) });
      const metadata = opened.committedMetadata();
      const localOffsets = parseOffsets(metadata[OFFSETS_METADATA_KEY]);
      const localCheckpoint = metadata[CHECKPOINT_METADATA_KEY];
      const isTrusted = isLocalStateTrusted({
        guarantee: isExactlyOnce ? 'exactly-once' : 'at-least-once',
        localOffsets,
        committedOffsets: committedByInput,
        localCheckpoint: localCheckpoint === undefined ? undefined : Number(localCheckpoint),
        committedCheckpoint,
      });
      if (isTrusted) {
        stores.set(stepName, opened);
        continue;
      }
      log.info(
        {
          task: taskId,
          store: stepName,
          local: Object.fromEntries(localOffsets),
          committed: Object.fromEntries(committedByInput),
          localCheckpoint,
          committedCheckpoint,
        },
        'local state not the committed one: rebuilding it from the changelog',
      );
      // Stale local keys may have been deleted long ago (their tombstones compacted away): start empty.
      await opened.destroy();
      const store = await openLevelStore<unknown>({ path: storePath(taskId, stepName) });
      stores.set(stepName, store);
      await restoreFromChangelog({
        connection: options.connection,
        log,
        store,
        changelogTopic: topology.changelogTopics[stepName] as string,
        partition,
        committed: committedByInput,
        checkpointNumber: committedCheckpoint,
      });
      context.onRestored();
    }
    return stores;
  }

  async function open(subTopology: SubTopology, partition: number): Promise<TaskRuntime> {
    const taskId = `${subTopology.id}_${partition}`;
    const transactions = isExactlyOnce
      ? createTransactionalKafkaSink({
          connection: options.connection,
          log,
          transactionalId: `${applicationId}-task-${taskId}`,
        })
      : undefined;
    // Step 1: starting the transaction initialises the producer id, fencing any older producer of
    // this task; the broker completes that producer's transaction first, so step 2 reads stable offsets.
    await transactions?.beginTransaction();
    const committed = await admin.fetchCommittedOffsets(applicationId, subTopology.inputTopics);
    const stores = await openStores(subTopology, partition, committed);
    // All stores of a task are committed together, so any of them says where the state stands.
    const [firstStore] = stores.values();
    const reflected = firstStore ? parseOffsets(firstStore.committedMetadata()[OFFSETS_METADATA_KEY]) : undefined;
    const origins = createRepartitionOrigins({
      committed: firstStore?.committedMetadata()[ORIGINS_METADATA_KEY],
      onUnresolved: (message) => log.warn({ task: taskId }, message),
    });
    const markers = createWatermarkMarkers((topic) => partitionsOfInternal(plan, topic));
    const sender: RecordSender = transactions ?? sink;
    const writer = createOutputWriter(sender, options.deadLetterTopic);
    const task = createTask({
      topology,
      subTopology,
      partition,
      repartitionPartitions: (topic) => partitionsOfInternal(plan, topic),
      upstreamTasks: (topic) => upstreamTaskCount(topology, plan, topic),
      store: (stepName) => stores.get(stepName) as KeyedStore<unknown>,
      now: context.now,
      output: {
        send: (topic, targetPartition, key, value, timestampMs) => {
          if (targetPartition === undefined) {
            writer.onOutput({ topic, partition: 0, offset: '', key, value, timestampMs });
            return;
          }
          const origin = origins.nextOrigin();
          const headers = origin === undefined ? undefined : { [ORIGIN_HEADER]: origin };
          sender.send({ topic, partition: targetPartition, key, value, timestampMs, ...(headers ? { headers } : {}) });
        },
        watermark: (topic, fromTaskId, watermarkMs) => markers.note(topic, fromTaskId, watermarkMs),
        deadLetter: (record, error, stepName) => writer.onDeadLetter({ record, error, stepName }),
      },
    });
    await task.restore();
    // Stream time survives restarts in the commit metadata, as in Kafka Streams: without it a task
    // restarted without new input would hold every downstream window back.
    const snapshot = committed.find(({ partition: p, metadata }) => p === partition && metadata)?.metadata;
    if (snapshot) task.restoreWatermarks(parseCommitMetadata(snapshot).watermarks);
    const offsets = new Map<string, string>();
    for (const topic of subTopology.inputTopics) {
      const input = inputKey(topic, partition);
      // A stateless task resumes from the committed offsets: fetched after the fence (step 1), they
      // are those of the last committed transaction, which the consumer's own lookup may not see yet.
      const offset = reflected
        ? reflected.get(input)
        : committed.find((c) => c.topic === topic && c.partition === partition)?.offset;
      if (offset === undefined) continue;
      context.seek({ topic, partition, offset });
      offsets.set(input, offset);
    }
    log.info({ task: taskId, seekTo: Object.fromEntries(offsets) }, 'task ready');
    return {
      task,
      partition,
      subTopology,
      stores,
      offsets,
      markers,
      origins,
      transactions,
      checkpointNumber: checkpointNumberOf(committed, partition) ?? 0,
    };
  }

  async function close(runtime: TaskRuntime): Promise<void> {
    for (const store of runtime.stores.values()) await store.close();
    await runtime.transactions?.close();
  }

  return { open, close };
}

/** The transaction number committed with a task's offsets (all its inputs carry the same). */
function checkpointNumberOf(committed: readonly TopicPartitionOffset[], partition: number): number | undefined {
  for (const { partition: p, metadata } of committed) {
    if (p !== partition || !metadata) continue;
    const { checkpointNumber } = parseCommitMetadata(metadata);
    if (checkpointNumber !== undefined) return checkpointNumber;
  }
  return undefined;
}
