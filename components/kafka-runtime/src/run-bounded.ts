import { createKafkaAdmin } from '@fp/kafka-admin';
import { createBoundedKafkaSource } from '@fp/kafka-source';
import { createKafkaSink } from '@fp/kafka-sink';
import { openLevelStore, type KeyedStore } from '@fp/keyed-state';
import { createSilentLogger } from '@fp/log';
import { InProcessCluster } from '@fp/stream-runtime';
import { planPartitions } from '@fp/stream-runtime/internal';
import type { Topology } from '@fp/topology';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createOutputWriter } from './output-writer';
import { createSerdePreparer } from './prepare-serdes';
import { fetchPartitionCounts } from './partition-counts';
import { DEFAULT_MAX_PENDING_OUTPUT_RECORDS, validateRunOptions, type BoundedRunOptions } from './run-options';
import type { RunSummary } from './run-summary';

/**
 * Runs a topology over a bounded range of its input topics (from earliest, an offset or a
 * timestamp, to the end offsets captured at start), then ends the input so every window fires,
 * waits for every output to be acknowledged, checkpoints the state and reports what it did.
 *
 * All tasks run in this one process, so repartitioning happens in memory with Kafka's partitioner
 * and per-upstream-task watermarks, exactly as the streaming runtime does through repartition
 * topics: the results are the same. State starts empty and lives in LevelDB under
 * `<stateDir>/<applicationId>/bounded`, so it may exceed memory.
 */
export async function runBounded(topology: Topology, options: BoundedRunOptions): Promise<RunSummary> {
  validateRunOptions(topology, options);
  const now = options.now ?? Date.now;
  const startedAtMs = now();
  const log = options.log ?? createSilentLogger();
  // The topology name is the application id: group, internal topics (`<name>-<step>-...`) and state directory.
  const applicationId = topology.name;
  const sourceTopics = [
    ...new Set(topology.nodes.flatMap((node) => (node.kind === 'source' ? [node.options.topic] : []))),
  ];
  const admin = createKafkaAdmin({ connection: options.connection, log });
  const sink = createKafkaSink({ connection: options.connection, log });
  const stateRoot = join(options.stateDir, applicationId, 'bounded');
  const stores = new Map<string, KeyedStore<unknown>>();
  try {
    const partitionCounts = await fetchPartitionCounts(admin, sourceTopics);
    // Output topics are placed by the producer; their count does not matter here.
    const partitionsOf = (topic: string) => partitionCounts.get(topic) ?? 1;
    await rm(stateRoot, { recursive: true, force: true });
    for (const { taskId, stores: stepNames } of planPartitions(topology, partitionsOf).tasks) {
      for (const stepName of stepNames) {
        stores.set(`${taskId}/${stepName}`, await openLevelStore<unknown>({ path: join(stateRoot, taskId, stepName) }));
      }
    }
    const writer = createOutputWriter(sink, options.deadLetterTopic);
    const cluster = new InProcessCluster({
      topology,
      partitions: partitionsOf,
      now,
      store: (taskId, stepName) => stores.get(`${taskId}/${stepName}`) as KeyedStore<unknown>,
      onOutput: (record) => writer.onOutput(record),
      onDeadLetter: (deadLetter) => writer.onDeadLetter(deadLetter),
    });
    const prepareSerdes = createSerdePreparer(topology);
    const maxPending = options.maxPendingOutputRecords ?? DEFAULT_MAX_PENDING_OUTPUT_RECORDS;
    let recordsRead = 0;
    const source = createBoundedKafkaSource({
      connection: options.connection,
      log,
      topics: sourceTopics,
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
      handler: async (batch) => {
        await prepareSerdes(batch);
        cluster.injectBatch(batch.records);
        recordsRead += batch.records.length;
        options.onProgress?.(recordsRead);
        if (sink.pendingCount > maxPending) await sink.flush();
      },
    });
    const read = await source.run();
    cluster.endOfInput();
    await sink.flush();
    const metadata = { mode: 'bounded', ranges: JSON.stringify(read.ranges) };
    for (const store of stores.values()) await store.commit(metadata);
    const summary: RunSummary = {
      mode: 'bounded',
      durationMs: now() - startedAtMs,
      ranges: read.ranges,
      ...cluster.counters(),
    };
    log.info({ summary: { ...summary, ranges: read.ranges.length } }, 'bounded run finished');
    return summary;
  } finally {
    for (const store of stores.values()) await store.close();
    await sink.close();
    await admin.close();
  }
}
