import { createKafkaClient, describeKafkaFailure, type KafkaConnectionOptions } from '@fp/kafka-connection';
import type { Logger } from '@fp/log';
import type { Admin, Kafka } from 'kafkajs';
import { KafkaAdminError } from './errors';
import { kafkajs } from './kafkajs-runtime';
import { partitionMismatches, validateTopicSpecs, type TopicSpec } from './topic-spec';

/** How long new topics may take to elect leaders on a busy broker. */
const LEADER_ELECTION_TIMEOUT_MS = 60_000;
/** Between two metadata requests while leaders are elected. */
const LEADER_POLL_MS = 100;

export interface KafkaAdminOptions {
  readonly connection: KafkaConnectionOptions;
  readonly log?: Logger;
}

/** Offsets are decimal strings: Kafka offsets are 64-bit and do not fit a JS number. */
export interface PartitionOffset {
  readonly partition: number;
  readonly offset: string;
}

export interface TopicPartitionOffset extends PartitionOffset {
  readonly topic: string;
  /** The metadata stored with a committed offset, when there is any. */
  readonly metadata?: string;
}

export interface PartitionDescription {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface EnsureTopicsResult {
  readonly created: readonly string[];
  readonly existing: readonly string[];
}

/** Administration calls the pipeline needs; connects lazily on first use. */
export interface KafkaAdmin {
  /**
   * Creates the missing topics and leaves existing ones alone (idempotent, safe to race with another
   * process). Existing topics keep their configs: they are not altered.
   * @throws KAFKA_ADMIN_PARTITION_MISMATCH when an existing topic has another partition count
   *   (nothing is created then); KAFKA_ADMIN_INVALID_OPTIONS for a bad spec.
   */
  ensureTopics(specs: readonly TopicSpec[]): Promise<EnsureTopicsResult>;
  describePartitions(topic: string): Promise<PartitionDescription[]>;
  /** The names of the topics this client may describe (one metadata request, no retries on absent topics). */
  listTopics(): Promise<string[]>;
  /** Topic-level configs as the broker reports them (defaults included). */
  describeTopicConfigs(topic: string): Promise<Record<string, string>>;
  /** The offset the next record of each partition will get (the last stable offset). */
  fetchEndOffsets(topic: string): Promise<PartitionOffset[]>;
  /** The earliest offset still in each partition. */
  fetchStartOffsets(topic: string): Promise<PartitionOffset[]>;
  /**
   * Per partition, the first offset whose record timestamp is >= `timestampMs`, or the end offset
   * when there is none.
   */
  fetchOffsetsForTimestamp(topic: string, timestampMs: number): Promise<PartitionOffset[]>;
  /** The group's committed offsets; partitions without a commit are left out. */
  fetchCommittedOffsets(groupId: string, topics: readonly string[]): Promise<TopicPartitionOffset[]>;
  /**
   * Deletes each partition's records below `offset` (Kafka DeleteRecords): how a stream runtime
   * purges repartition records every reader has committed past. Partitions not listed are untouched.
   */
  deleteRecordsBefore(topic: string, offsets: readonly PartitionOffset[]): Promise<void>;
  close(): Promise<void>;
}

function byPartition<T extends { partition: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.partition - b.partition);
}

/** Creates an admin client; nothing connects until the first call. */
export function createKafkaAdmin(options: KafkaAdminOptions): KafkaAdmin {
  const kafka: Kafka = createKafkaClient(options.connection, options.log);
  const admin: Admin = kafka.admin();
  let connecting: Promise<void> | undefined;

  async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      connecting ??= admin.connect();
      await connecting;
      return await request();
    } catch (error) {
      if (error instanceof KafkaAdminError) {
        throw error;
      }
      connecting = undefined;
      throw new KafkaAdminError(
        'KAFKA_ADMIN_REQUEST_FAILED',
        `${what} failed: ${describeKafkaFailure(error, options.connection)}`,
        { cause: error },
      );
    }
  }

  async function partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.filter((topic) => existing.has(topic));
    const counts = new Map<string, number>();
    if (wanted.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: wanted });
      for (const { name, partitions } of metadata.topics) {
        counts.set(name, partitions.length);
      }
    }
    return counts;
  }

  /** Until every partition of `topics` has a leader; retriable answers (topic not known yet, election) are waited out. */
  async function awaitLeaders(topics: readonly string[]): Promise<void> {
    const deadlineMs = Date.now() + LEADER_ELECTION_TIMEOUT_MS;
    for (;;) {
      try {
        const { topics: described } = await admin.fetchTopicMetadata({ topics: [...topics] });
        const led = described.every(({ partitions }) => partitions.every(({ leader }) => leader >= 0));
        if (described.length === topics.length && led) return;
      } catch (error) {
        if ((error as { retriable?: unknown }).retriable !== true || Date.now() > deadlineMs) throw error;
      }
      if (Date.now() > deadlineMs) {
        throw new Error(`no leader for every partition of ${topics.join(', ')} after ${LEADER_ELECTION_TIMEOUT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, LEADER_POLL_MS));
    }
  }

  return {
    ensureTopics: (specs) =>
      call(`ensureTopics(${specs.map(({ topic }) => topic).join(', ')})`, async () => {
        validateTopicSpecs(specs);
        const before = await partitionCounts(specs.map(({ topic }) => topic));
        const mismatches = partitionMismatches(specs, before);
        if (mismatches.length > 0) {
          throw new KafkaAdminError(
            'KAFKA_ADMIN_PARTITION_MISMATCH',
            `existing topics do not match the pipeline: ${mismatches.join('; ')}. Keyed state and ` +
              'co-partitioning depend on the partition count: recreate the topic or change the spec',
          );
        }
        const missing = specs.filter(({ topic }) => !before.has(topic));
        if (missing.length > 0) {
          // createTopics answers false (no error) for topics another process created in the meantime.
          await admin.createTopics({
            // kafkajs' own wait fails on the UNKNOWN_TOPIC_OR_PARTITION a busy broker answers at first.
            waitForLeaders: false,
            topics: missing.map((spec) => ({
              topic: spec.topic,
              numPartitions: spec.partitions,
              replicationFactor: spec.replicationFactor,
              configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
            })),
          });
          await awaitLeaders(missing.map(({ topic }) => topic));
          // A racing creator may have used another partition count.
          const after = partitionCounts(missing.map(({ topic }) => topic));
          const raced = partitionMismatches(missing, await after);
          if (raced.length > 0) {
            throw new KafkaAdminError(
              'KAFKA_ADMIN_PARTITION_MISMATCH',
              `topics created concurrently do not match the pipeline: ${raced.join('; ')}`,
            );
          }
        }
        return {
          created: missing.map(({ topic }) => topic),
          existing: specs.filter(({ topic }) => before.has(topic)).map(({ topic }) => topic),
        };
      }),

    describePartitions: (topic) =>
      call(`describePartitions(${topic})`, async () => {
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        return byPartition(
          (topics[0]?.partitions ?? []).map(({ partitionId, leader, replicas, isr }) => ({
            partition: partitionId,
            leader,
            replicas,
            isr,
          })),
        );
      }),

    listTopics: () => call('listTopics()', () => admin.listTopics()),

    describeTopicConfigs: (topic) =>
      call(`describeTopicConfigs(${topic})`, async () => {
        const { resources } = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic }],
        });
        const configs: Record<string, string> = {};
        for (const entry of resources[0]?.configEntries ?? []) {
          configs[entry.configName] = entry.configValue;
        }
        return configs;
      }),

    fetchEndOffsets: (topic) =>
      call(`fetchEndOffsets(${topic})`, async () =>
        byPartition((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ partition, offset: high }))),
      ),

    fetchStartOffsets: (topic) =>
      call(`fetchStartOffsets(${topic})`, async () =>
        byPartition((await admin.fetchTopicOffsets(topic)).map(({ partition, low }) => ({ partition, offset: low }))),
      ),

    fetchOffsetsForTimestamp: (topic, timestampMs) =>
      call(`fetchOffsetsForTimestamp(${topic}, ${timestampMs})`, async () =>
        byPartition(
          (await admin.fetchTopicOffsetsByTimestamp(topic, timestampMs)).map(({ partition, offset }) => ({
            partition,
            offset,
          })),
        ),
      ),

    fetchCommittedOffsets: (groupId, topics) =>
      call(`fetchCommittedOffsets(${groupId})`, async () => {
        const result = await admin.fetchOffsets({ groupId, topics: [...topics] });
        return result.flatMap(({ topic, partitions }) =>
          partitions
            .filter(({ offset }) => BigInt(offset) >= 0n)
            .map(({ partition, offset, metadata }) => ({
              topic,
              partition,
              offset,
              ...(metadata ? { metadata } : {}),
            })),
        );
      }),

    deleteRecordsBefore: (topic, offsets) =>
      call(`deleteRecordsBefore(${topic})`, async () => {
        if (offsets.length === 0) return;
        await admin.deleteTopicRecords({
          topic,
          partitions: offsets.map(({ partition, offset }) => ({ partition, offset })),
        });
      }),

    async close() {
      connecting = undefined;
      await admin.disconnect();
    },
  };
}
