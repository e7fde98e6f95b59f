import {
  outputTopicsEnvShape,
  outputTopicSettingsFromEnv,
  parseWorkerEnv,
  workerEnvShape,
  workerSettingsFromEnv,
  type OutputTopicSettings,
  type WorkerSettings,
} from '@fp/worker-ops';
import { z } from 'zod';

/** A Kafka topic name, `fallback` when unset (described after the default, so an error says what it expects). */
const topicName = (fallback: string) =>
  z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,249}$/)
    .default(fallback)
    .describe('a Kafka topic name');

/** Every environment variable this base reads, with its default and what it expects. */
export const configShape = {
  // KAFKA_BROKERS, APPLICATION_ID, MODE, ON_BAD_RECORD, HTTP_PORT, LOG_LEVEL, ...: see components/worker-ops/README.md.
  ...workerEnvShape({ clientId: 'page-views-worker', applicationId: 'page-views' }),
  INPUT_TOPIC: topicName('page-views-input'),
  OUTPUT_TOPIC: topicName('page-views-output'),
  // A task that reads several topics (a merge or a join) has the least of their event times: an
  // input partition without records for this long stops holding it back. Unset, it waits for each.
  IDLE_TIMEOUT_MS: z.coerce.number().int().positive().optional().describe('a positive integer of milliseconds'),
  // OUTPUT_TOPIC_PARTITIONS, OUTPUT_TOPIC_RETENTION_MS, OUTPUT_TOPIC_REPLICATION_FACTOR: missing output topics are created at start.
  ...outputTopicsEnvShape,
};

export interface PageViewsWorkerConfig {
  readonly worker: WorkerSettings;
  readonly topics: { readonly input: string; readonly output: string };
  /** Processing time after which a silent input partition no longer holds the watermark back; never when unset. */
  readonly idleTimeoutMs?: number;
  readonly outputTopics: OutputTopicSettings;
}

/** Reads the config once at start; throws `ENV_CONFIG_INVALID` listing every bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[] = [],
): PageViewsWorkerConfig {
  const parsed = parseWorkerEnv(configShape, env);
  return {
    worker: workerSettingsFromEnv(parsed, argv),
    topics: { input: parsed.INPUT_TOPIC, output: parsed.OUTPUT_TOPIC },
    ...(parsed.IDLE_TIMEOUT_MS === undefined ? {} : { idleTimeoutMs: parsed.IDLE_TIMEOUT_MS }),
    outputTopics: outputTopicSettingsFromEnv(parsed),
  };
}
