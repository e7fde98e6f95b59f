import {
  DEFAULT_FLIGHT_ENRICHMENT_RETENTION_MS,
  DEFAULT_FLIGHT_ENRICHMENT_TOPICS,
  type FlightEnrichmentTopics,
} from '@fp/flight-enrichment';
import { parseWorkerEnv, workerEnvShape, workerSettingsFromEnv, type WorkerSettings } from '@fp/worker-ops';
import { z } from 'zod';

const topicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/)
  .describe('a Kafka topic name');

/** Every environment variable this base reads, with its default and what it expects. */
export const configShape = {
  ...workerEnvShape({ clientId: 'flight-enrichment-worker', applicationId: 'flight-enrichment' }),
  FLIGHTDATA_TOPIC: topicName.default(DEFAULT_FLIGHT_ENRICHMENT_TOPICS.flightdata),
  USERSTATISTICS_TOPIC: topicName.default(DEFAULT_FLIGHT_ENRICHMENT_TOPICS.userstatistics),
  ENRICHED_TOPIC: topicName.default(DEFAULT_FLIGHT_ENRICHMENT_TOPICS.enriched),
  RETENTION_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_FLIGHT_ENRICHMENT_RETENTION_MS)
    .describe('a non-negative integer of milliseconds'),
  REPARTITION_PARTITIONS: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('a positive integer (partitions of both repartition topics)'),
};

export interface FlightEnrichmentWorkerConfig {
  readonly worker: WorkerSettings;
  readonly topics: FlightEnrichmentTopics;
  readonly retentionMs: number;
  /** Unset: each repartition topic takes its input's partition count. */
  readonly repartitionPartitions?: number;
}

/** Reads the config once at start; throws `ENV_CONFIG_INVALID` listing every bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[] = [],
): FlightEnrichmentWorkerConfig {
  const parsed = parseWorkerEnv(configShape, env);
  return {
    worker: workerSettingsFromEnv(parsed, argv),
    topics: {
      flightdata: parsed.FLIGHTDATA_TOPIC,
      userstatistics: parsed.USERSTATISTICS_TOPIC,
      enriched: parsed.ENRICHED_TOPIC,
    },
    retentionMs: parsed.RETENTION_MS,
    ...(parsed.REPARTITION_PARTITIONS === undefined ? {} : { repartitionPartitions: parsed.REPARTITION_PARTITIONS }),
  };
}
