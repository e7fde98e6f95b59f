import { defaultCardFeaturesTopics } from '@fp/card-transactions';
import type { CompatibilityLevel } from '@fp/schema-registry';
import {
  parseWorkerEnv,
  schemaRegistryEnvShape,
  schemaRegistrySettingsFromEnv,
  workerEnvShape,
  workerSettingsFromEnv,
  type SchemaRegistrySettings,
  type WorkerSettings,
} from '@fp/worker-ops';
import { z } from 'zod';

const topicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/)
  .describe('a Kafka topic name');

/** `confluent`: Confluent-framed Avro with a Schema Registry; `raw`: Avro binary as the original job writes it. */
export const cardTransactionsFormats = ['confluent', 'raw'] as const;
export type CardTransactionsFormat = (typeof cardTransactionsFormats)[number];

const compatibilityLevels = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const satisfies readonly CompatibilityLevel[];

/** Every environment variable this base reads, with its default and what it expects. */
export const configShape = {
  ...workerEnvShape({ clientId: 'card-features-worker', applicationId: 'card-transactions-10m-agg' }),
  TRANSACTIONS_TOPIC: topicName.default(defaultCardFeaturesTopics.transactions),
  FEATURES_TOPIC: topicName.default(defaultCardFeaturesTopics.features),
  LATE_TOPIC: topicName.optional(),
  CARD_TRANSACTIONS_FORMAT: z
    .enum(cardTransactionsFormats)
    .default('confluent')
    .describe(`one of ${cardTransactionsFormats.join(', ')} (input and output)`),
  ...schemaRegistryEnvShape,
  SCHEMA_REGISTRY_COMPATIBILITY: z
    .enum(compatibilityLevels)
    .default('BACKWARD')
    .describe(`the compatibility level of the subjects, one of ${compatibilityLevels.join(', ')}`),
};

export interface CardFeaturesWorkerConfig {
  readonly worker: WorkerSettings;
  readonly topics: { readonly transactions: string; readonly features: string };
  readonly lateTopic?: string;
  readonly format: CardTransactionsFormat;
  readonly schemaRegistry: SchemaRegistrySettings & { readonly compatibility: CompatibilityLevel };
}

/** Reads the config once at start; throws `ENV_CONFIG_INVALID` listing every bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[] = [],
): CardFeaturesWorkerConfig {
  const parsed = parseWorkerEnv(configShape, env);
  return {
    worker: workerSettingsFromEnv(parsed, argv),
    topics: { transactions: parsed.TRANSACTIONS_TOPIC, features: parsed.FEATURES_TOPIC },
    ...(parsed.LATE_TOPIC === undefined ? {} : { lateTopic: parsed.LATE_TOPIC }),
    format: parsed.CARD_TRANSACTIONS_FORMAT,
    schemaRegistry: {
      ...schemaRegistrySettingsFromEnv(parsed),
      compatibility: parsed.SCHEMA_REGISTRY_COMPATIBILITY,
    },
  };
}
