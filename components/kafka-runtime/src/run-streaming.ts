import { toError } from '@fp/errors';
import { createKafkaAdmin } from '@fp/kafka-admin';
import { createKafkaSink } from '@fp/kafka-sink';
import { createKafkaSource, type KafkaSource, type TopicPartition } from '@fp/kafka-source';
import { createSilentLogger, type Logger } from '@fp/log';
import { planPartitions, sumCounters, type PartitionPlan, type TaskCounters } from '@fp/stream-runtime/internal';
import type { Topology } from '@fp/topology';
import type { SubTopology } from '@fp/topology/internal';
import { join } from 'node:path';
import { createCheckpointer } from './checkpointer';
import { ensureInternalTopics } from './internal-topics';
import { fetchPartitionCounts } from './partition-counts';
import { createPollLoop } from './poll-loop';
import { createSerdePreparer } from './prepare-serdes';
import { createRepartitionPurger } from './repartition-purge';
import {
  DEFAULT_COMMIT_INTERVAL_MS,
  DEFAULT_MAX_BYTES_PER_PARTITION,
  DEFAULT_MAX_PENDING_OUTPUT_RECORDS,
  validateRunOptions,
  type StreamingRunOptions,
} from './run-options';
import type { RunSummary } from './run-summary';
import type { RunningTopology, RuntimeMetrics } from './running-topology';
import { createTaskLifecycle } from './task-lifecycle';
import type { TaskRuntime } from './task-runtime';

/**
 * Where, under `<stateDir>/<application>`, the group member id survives a restart (see
 * kafka-source): `member-id` for the first stream thread, `member-id-thread-<n>` for the others.
 */
const memberIdFileName = (streamThread: number): string =>
  streamThread === 0 ? 'member-id' : `member-id-thread-${streamThread}`;
/** Internal topics are only read by this application; one replica suits single-broker development clusters. */
const DEFAULT_INTERNAL_REPLICATION_FACTOR = 1;

/**
 * Runs a topology as a member of the consumer group `applicationId`, Kafka Streams style: one task
 * per (sub-topology, partition) this member is assigned (`task-lifecycle.ts`: assign, restore,
 * revoke), batches processed by the poll loop (`poll-loop.ts`), and checkpoints every
 * `commitIntervalMs`, on revocation and on `stop()` (`checkpointer.ts`, one path per guarantee).
 * This file wires them together and owns start and stop.
 */
export async function runStreaming(topology: Topology, options: StreamingRunOptions): Promise<RunningTopology> {
  validateRunOptions(topology, options);
  const now = options.now ?? Date.now;
  const startedAtMs = now();
  const log: Logger = options.log ?? createSilentLogger();
  // The topology name is the application id: group, internal topics (`<name>-<step>-...`) and state directory.
  const applicationId = topology.name;
  const commitIntervalMs = options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
  const isExactlyOnce = options.guarantee === 'exactly-once';
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
    const replication = options.internalTopicReplicationFactor ?? DEFAULT_INTERNAL_REPLICATION_FACTOR;
    await ensureInternalTopics(admin, topology, plan, replication);
  } catch (error) {
    await Promise.allSettled([sink.close(), admin.close()]);
    throw error;
  }

  const tasks = new Map<string, TaskRuntime>();
  const closedCounters: TaskCounters[] = [];
  let changelogRestores = 0;
  let isReady = false;
  /** Set once the source has joined its group and opened its first tasks. */
  let hasStarted = false;
  let stopping: Promise<RunSummary> | undefined;
  let backgroundFailure: Error | undefined;

  // The source is created last (its hooks need the parts below); until then nothing calls them.
  const late: { source?: KafkaSource } = {};
  const lifecycle = createTaskLifecycle({
    topology,
    plan,
    options,
    admin,
    sink,
    log,
    now,
    seek: (position) => late.source?.seek(position),
    onRestored: () => changelogRestores++,
  });
  const checkpointer = createCheckpointer({
    topology,
    tasks,
    sink,
    source: { commit: (offsets) => (late.source as KafkaSource).commit(offsets) },
    purger: createRepartitionPurger({
      admin,
      repartitionTopics,
      now,
      log,
      ...(options.repartitionPurgeIntervalMs === undefined ? {} : { intervalMs: options.repartitionPurgeIntervalMs }),
    }),
    log,
    now,
    isExactlyOnce,
    commitIntervalMs,
    onStep: options.onCheckpointStep,
  });
  const pollLoop = createPollLoop({
    topology,
    tasks,
    sink,
    checkpointer,
    isExactlyOnce,
    maxPendingOutputRecords: options.maxPendingOutputRecords ?? DEFAULT_MAX_PENDING_OUTPUT_RECORDS,
    commitIntervalMs,
    prepareSerdes: createSerdePreparer(topology),
    mayCheckpointInBackground: () => hasStarted && stopping === undefined,
    onCheckpointFailed: (error) => {
      backgroundFailure ??= error;
      log.error({ err: backgroundFailure }, 'checkpoint failed: stopping');
      void late.source?.stop();
    },
  });

  async function closeTask(runtime: TaskRuntime): Promise<void> {
    closedCounters.push({ ...runtime.task.counters });
    pollLoop.forget(runtime);
    tasks.delete(runtime.task.id);
    await lifecycle.close(runtime);
  }

  const subTopologyReading = (topic: string): SubTopology | undefined =>
    topology.subTopologies.find((subTopology) => subTopology.inputTopics.includes(topic));

  function tasksFor(partitions: readonly TopicPartition[]): Set<string> {
    const keys = new Set<string>();
    for (const { topic, partition } of partitions) {
      const subTopology = subTopologyReading(topic);
      if (subTopology) keys.add(`${subTopology.id}_${partition}`);
    }
    return keys;
  }

  const running: KafkaSource = createKafkaSource({
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
    handler: pollLoop.onBatch,
    onSkippedBatch: pollLoop.onSkipped,
    onAssigned: async (partitions) => {
      for (const taskKey of tasksFor(partitions)) {
        const [subTopologyId, partition] = taskKey.split('_').map(Number) as [number, number];
        const subTopology = topology.subTopologies[subTopologyId] as SubTopology;
        if (!tasks.has(taskKey)) tasks.set(taskKey, await lifecycle.open(subTopology, partition));
      }
      isReady = true;
    },
    onRevoked: async () => {
      await checkpointer.checkpoint('revocation');
      // What this member hands over (on a rebalance, or its final checkpoint on stop): the next
      // owner of each task resumes at these positions, which an operator can check against its seeks.
      if (tasks.size > 0) log.info({ positions: positionsOf(tasks.values()) }, 'tasks checkpointed and closed');
      for (const runtime of [...tasks.values()]) await closeTask(runtime);
    },
  });
  late.source = running;

  const counters = (): TaskCounters =>
    sumCounters([...closedCounters, ...[...tasks.values()].map((runtime) => runtime.task.counters)]);
  const summary = (): RunSummary => ({ mode: 'streaming', durationMs: now() - startedAtMs, ...counters() });

  async function shutdown(): Promise<RunSummary> {
    pollLoop.stopTimer();
    await running.stop();
    for (const runtime of [...tasks.values()]) await closeTask(runtime);
    await sink.close();
    await admin.close();
    log.info({ summary: summary() }, 'streaming run stopped');
    return summary();
  }

  const stopped = running.stopped.then(
    async () => {
      const result = await (stopping ?? shutdown());
      if (backgroundFailure) throw backgroundFailure;
      return result;
    },
    async (error: unknown) => {
      pollLoop.stopTimer();
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

  await running.start();
  hasStarted = true;
  log.info({ applicationId, tasks: [...tasks.keys()], commitIntervalMs }, 'streaming run started');

  return {
    isReady: () => isReady,
    metrics: (): RuntimeMetrics => ({
      ...counters(),
      ...pollLoop.metrics(),
      watermarkMs: Object.fromEntries(
        [...tasks.values()].map((runtime) => [runtime.task.id, runtime.task.watermarkMs()]),
      ),
      checkpoints: checkpointer.stats.checkpoints,
      lastCheckpointDurationMs: checkpointer.stats.lastDurationMs,
      dirtyStateEntries: [...tasks.values()].reduce(
        (sum, runtime) => sum + [...runtime.stores.values()].reduce((inner, store) => inner + store.dirtyCount, 0),
        0,
      ),
      assignedTasks: [...tasks.keys()],
      changelogRestores,
      stateBytes: checkpointer.stats.stateBytes,
    }),
    stop: () => {
      stopping ??= shutdown();
      return stopping;
    },
    stopped,
  };
}

/** Each task input's next offset to read, by `topic#partition`. */
function positionsOf(runtimes: Iterable<TaskRuntime>): Record<string, string> {
  return Object.fromEntries([...runtimes].flatMap((runtime) => [...runtime.offsets]));
}
