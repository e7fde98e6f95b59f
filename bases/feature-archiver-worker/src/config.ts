import { EnvConfigError } from '@fp/env-config';
import { BAD_RECORD_POLICIES, type BadRecordPolicy } from '@fp/errors';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { LOG_LEVELS, type LogLevel } from '@fp/log';
import {
  DEFAULT_HTTP_PORT,
  kafkaConnectionFromEnv,
  kafkaEnvShape,
  parseWorkerEnv,
  schemaRegistryEnvShape,
  schemaRegistrySettingsFromEnv,
  type SchemaRegistrySettings,
} from '@fp/worker-ops';
import { z } from 'zod';

/** `confluent`: Confluent-framed Avro with a Schema Registry; `raw`: Avro binary (the views' `avro` encoding). */
export const featureRowFormats = ['confluent', 'raw'] as const;

/** Large part files at full speed, a file a minute at most when traffic is light. */
export const DEFAULT_FLUSH_ROWS = 100_000;
export const DEFAULT_FLUSH_INTERVAL_MS = 60_000;

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const positiveInteger = z.coerce.number().int().positive();

/** Every environment variable this base reads, with its default and what it expects. */
export const configShape = {
  ...kafkaEnvShape({ clientId: 'feature-archiver' }),
  FEATURE_VIEWS: z
    .string()
    .default('card_transactions_10m_agg,userstatistics')
    .transform((text) =>
      text
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    )
    .describe('view names separated by commas; each is read from its topic'),
  FEATURE_TOPICS: z
    .string()
    .optional()
    .transform((text) => text?.split(',').map((name) => name.trim()))
    .describe('the topics to read, in the order of FEATURE_VIEWS; default each view’s own topic'),
  OFFLINE_STORE_DIR: z.string().min(1).default('./offline-store').describe('the offline store directory'),
  ARCHIVER_GROUP_ID: z.string().min(1).default('feature-archiver').describe('the consumer group'),
  ARCHIVE_FLUSH_ROWS: positiveInteger.default(DEFAULT_FLUSH_ROWS).describe('rows per partition that trigger an append'),
  ARCHIVE_FLUSH_INTERVAL_MS: positiveInteger
    .default(DEFAULT_FLUSH_INTERVAL_MS)
    .describe('the longest a consumed record waits before its append (ms)'),
  FEATURE_ROWS_FORMAT: z
    .enum(featureRowFormats)
    .default('confluent')
    .describe(`how Avro views are framed, one of ${featureRowFormats.join(', ')}`),
  ...schemaRegistryEnvShape,
  ON_BAD_RECORD: z
    .enum(BAD_RECORD_POLICIES)
    .default('dead-letter')
    .describe(`one of ${BAD_RECORD_POLICIES.join(', ')}`),
  DEAD_LETTER_TOPIC: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,249}$/)
    .default('feature-archiver-dead-letters')
    .describe('a Kafka topic name'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_HTTP_PORT).describe('an integer in [0, 65535]'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS)
    .default('info')
    .describe(`one of ${LOG_LEVELS.join(', ')}`),
};

export interface FeatureArchiverWorkerConfig {
  readonly connection: KafkaConnectionOptions;
  readonly viewNames: readonly string[];
  /** The topic of each view, in `viewNames` order, when not the view's own. */
  readonly topics?: readonly string[];
  readonly storeRoot: string;
  readonly groupId: string;
  readonly flushRows: number;
  readonly flushIntervalMs: number;
  readonly format: (typeof featureRowFormats)[number];
  readonly schemaRegistry: SchemaRegistrySettings;
  readonly onBadRecord: BadRecordPolicy;
  readonly deadLetterTopic: string;
  readonly httpPort: number;
  readonly logLevel: LogLevel;
}

/** Reads the config once at start; throws `ENV_CONFIG_INVALID` listing every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): FeatureArchiverWorkerConfig {
  const parsed = parseWorkerEnv(configShape, env);
  const topics = parsed.FEATURE_TOPICS;
  if (
    topics !== undefined &&
    (topics.length !== parsed.FEATURE_VIEWS.length || topics.some((topic) => !TOPIC.test(topic)))
  ) {
    throw new EnvConfigError('ENV_CONFIG_INVALID', [
      `FEATURE_TOPICS: expected one Kafka topic name per view of FEATURE_VIEWS (${parsed.FEATURE_VIEWS.length}), got ${topics.join(',')}`,
    ]);
  }
  return {
    connection: kafkaConnectionFromEnv(parsed),
    viewNames: parsed.FEATURE_VIEWS,
    ...(topics === undefined ? {} : { topics }),
    storeRoot: parsed.OFFLINE_STORE_DIR,
    groupId: parsed.ARCHIVER_GROUP_ID,
    flushRows: parsed.ARCHIVE_FLUSH_ROWS,
    flushIntervalMs: parsed.ARCHIVE_FLUSH_INTERVAL_MS,
    format: parsed.FEATURE_ROWS_FORMAT,
    schemaRegistry: schemaRegistrySettingsFromEnv(parsed),
    onBadRecord: parsed.ON_BAD_RECORD,
    deadLetterTopic: parsed.DEAD_LETTER_TOPIC,
    httpPort: parsed.HTTP_PORT,
    logLevel: parsed.LOG_LEVEL,
  };
}
