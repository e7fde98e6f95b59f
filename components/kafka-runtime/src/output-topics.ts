import { createKafkaAdmin } from '@fp/kafka-admin';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import type { Logger } from '@fp/log';
import type { Topology } from '@fp/topology';
import { KafkaRuntimeError } from './errors';
import { fetchPartitionCounts } from './partition-counts';
import { inputTopicsOf, outputTopicsOf } from './topology-topics';

/** How a worker creates the output topics that do not exist yet. */
export interface OutputTopicsOptions {
  readonly connection: KafkaConnectionOptions;
  /** Created with the output topics, alike, when given. */
  readonly deadLetterTopic?: string;
  /** Default: the largest partition count of the topology's input topics. */
  readonly partitions?: number;
  /** `retention.ms` of the created topics; `-1` keeps records whatever their age. */
  readonly retentionMs: number;
  readonly replicationFactor: number;
  readonly log: Logger;
}

/**
 * Creates the topology's output topics (and dead-letter topic) that are missing, with the given
 * partitions and `retention.ms`; existing topics are left exactly as they are, whatever their
 * partition count or configs (an operator may have made them so). Returns the topics created.
 * @throws KAFKA_RUNTIME_INVALID_OPTIONS for a partition count, retention or replication factor out of range;
 *   KAFKA_RUNTIME_MISSING_TOPIC when partitions are not given and an input topic cannot be described.
 */
export async function ensureOutputTopics(topology: Topology, options: OutputTopicsOptions): Promise<string[]> {
  checkOptions(options);
  const admin = createKafkaAdmin({ connection: options.connection, log: options.log });
  try {
    const existing = new Set(await admin.listTopics());
    const missing = outputTopicsOf(topology, options.deadLetterTopic).filter((topic) => !existing.has(topic));
    if (missing.length === 0) return [];
    const partitions =
      options.partitions ?? Math.max(1, ...(await fetchPartitionCounts(admin, inputTopicsOf(topology))).values());
    await admin.ensureTopics(
      missing.map((topic) => ({
        topic,
        partitions,
        replicationFactor: options.replicationFactor,
        configs: { 'retention.ms': String(options.retentionMs) },
      })),
    );
    options.log.info({ topics: missing, partitions, retentionMs: options.retentionMs }, 'created output topics');
    return missing;
  } finally {
    await admin.close();
  }
}

function checkOptions(options: OutputTopicsOptions): void {
  const problems: string[] = [];
  const isPositiveInteger = (value: number) => Number.isInteger(value) && value > 0;
  if (options.partitions !== undefined && !isPositiveInteger(options.partitions)) {
    problems.push(`partitions must be a positive integer, got ${options.partitions}`);
  }
  if (!(Number.isInteger(options.retentionMs) && options.retentionMs >= -1)) {
    problems.push(`retentionMs must be -1 (keep forever) or a non-negative integer, got ${options.retentionMs}`);
  }
  if (!isPositiveInteger(options.replicationFactor)) {
    problems.push(`replicationFactor must be a positive integer, got ${options.replicationFactor}`);
  }
  if (problems.length > 0) {
    throw new KafkaRuntimeError('KAFKA_RUNTIME_INVALID_OPTIONS', `output topics: ${problems.join('; ')}`);
  }
}
