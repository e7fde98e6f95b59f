import type { OutputTopicsOptions } from '@fp/kafka-runtime';
import { z } from 'zod';

/** Kafka's own default replication for a one-broker development cluster; production sets 3. */
export const DEFAULT_OUTPUT_TOPIC_REPLICATION_FACTOR = 1;
/**
 * Kept whatever their age by default: outputs carry event time, so a backfill of old events into a
 * topic with a finite retention would be deleted minutes after it is written.
 */
export const DEFAULT_OUTPUT_TOPIC_RETENTION_MS = -1;

/**
 * The variables of a worker that creates its missing output topics (and dead-letter topic) at
 * start, to spread into its own schema. Existing topics are never altered.
 */
export const outputTopicsEnvShape = {
  OUTPUT_TOPIC_PARTITIONS: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe("a positive integer; default: the input topics' largest partition count"),
  OUTPUT_TOPIC_RETENTION_MS: z.coerce
    .number()
    .int()
    .min(-1)
    .default(DEFAULT_OUTPUT_TOPIC_RETENTION_MS)
    .describe('-1 (keep records whatever their age) or a number of milliseconds'),
  OUTPUT_TOPIC_REPLICATION_FACTOR: z.coerce
    .number()
    .int()
    .positive()
    .default(DEFAULT_OUTPUT_TOPIC_REPLICATION_FACTOR)
    .describe('a positive integer, at most the number of brokers'),
};

/** How `startWorker` creates the missing output topics. */
export type OutputTopicSettings = Pick<OutputTopicsOptions, 'partitions' | 'retentionMs' | 'replicationFactor'>;

/** The typed settings of `outputTopicsEnvShape`. */
export function outputTopicSettingsFromEnv(
  parsed: z.output<z.ZodObject<typeof outputTopicsEnvShape>>,
): OutputTopicSettings {
  return {
    ...(parsed.OUTPUT_TOPIC_PARTITIONS === undefined ? {} : { partitions: parsed.OUTPUT_TOPIC_PARTITIONS }),
    retentionMs: parsed.OUTPUT_TOPIC_RETENTION_MS,
    replicationFactor: parsed.OUTPUT_TOPIC_REPLICATION_FACTOR,
  };
}
