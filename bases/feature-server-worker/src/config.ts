import type { FeatureView } from '@fp/feature-views';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { LOG_LEVELS, type LogLevel } from '@fp/log';
import { DEFAULT_COMMIT_INTERVAL_MS, DEFAULT_MAX_UNCOMMITTED_ROWS } from '@fp/online-store-kafka';
import {
  DEFAULT_HTTP_PORT,
  DEFAULT_STATE_DIR,
  kafkaConnectionFromEnv,
  kafkaEnvShape,
  parseWorkerEnv,
  schemaRegistryEnvShape,
  schemaRegistrySettingsFromEnv,
  type SchemaRegistrySettings,
} from '@fp/worker-ops';
import { z } from 'zod';
import { servableViews, variableStem } from './served-views';

/** `confluent`: Confluent-framed Avro with a Schema Registry; `raw`: Avro binary without framing. */
export const avroFormats = ['confluent', 'raw'] as const;
export type AvroFormat = (typeof avroFormats)[number];

const HIGHEST_PORT = 65_535;
/** Decoded rows kept in memory per view for hot entities. */
const DEFAULT_CACHE_ENTRIES_PER_VIEW = 100_000;
/** Under Kubernetes' default 30 s grace period. */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

const topicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/)
  .describe('a Kafka topic name');
const positiveInteger = (fallback: number, what: string) =>
  z.coerce.number().int().positive().default(fallback).describe(`a positive integer (${what})`);
const viewNames = servableViews.map(({ name }) => name);

/** Per servable view: `<VIEW>_TOPIC`, and `<VIEW>_FORMAT` for Avro views. */
function viewVariables(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const view of servableViews) {
    const stem = variableStem(view.name);
    shape[`${stem}_TOPIC`] = topicName.default(view.topic);
    if (view.encoding === 'avro') {
      shape[`${stem}_FORMAT`] = z
        .enum(avroFormats)
        .default('confluent')
        .describe(`one of ${avroFormats.join(', ')}`);
    }
  }
  return shape;
}

/** Every environment variable this base reads, with its default and what it expects. */
export const configShape = {
  ...kafkaEnvShape({ clientId: 'feature-server' }),
  FEATURE_VIEWS: z
    .string()
    .default(viewNames.join(','))
    .transform((text) =>
      text
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    )
    .superRefine((names, context) => {
      const unknown = names.filter((name) => !viewNames.includes(name));
      const problems = [
        ...(names.length === 0 ? ['name at least one view'] : []),
        ...(unknown.length > 0 ? [`unknown view(s) ${unknown.join(', ')}`] : []),
        ...(new Set(names).size === names.length ? [] : ['a view is named twice']),
      ];
      if (problems.length > 0) {
        context.addIssue({ code: 'custom', message: `${problems.join('; ')} (views: ${viewNames.join(', ')})` });
      }
    })
    .describe(`comma-separated views to serve, among ${viewNames.join(', ')}`),
  ...viewVariables(),
  ...schemaRegistryEnvShape,
  STATE_DIR: z.string().min(1).default(DEFAULT_STATE_DIR).describe("directory for the views' LevelDB stores"),
  HTTP_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(HIGHEST_PORT)
    .default(DEFAULT_HTTP_PORT)
    .describe(`an integer in [0, ${HIGHEST_PORT}]`),
  HOST: z.string().min(1).default('0.0.0.0').describe('the interface to listen on'),
  COMMIT_INTERVAL_MS: positiveInteger(DEFAULT_COMMIT_INTERVAL_MS, 'milliseconds between commits of rows and offsets'),
  MAX_UNCOMMITTED_ROWS: positiveInteger(DEFAULT_MAX_UNCOMMITTED_ROWS, 'rows per view before an early commit'),
  CACHE_ENTRIES_PER_VIEW: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_CACHE_ENTRIES_PER_VIEW)
    .describe('an integer >= 0 (decoded rows kept in memory per view)'),
  SHUTDOWN_TIMEOUT_MS: positiveInteger(DEFAULT_SHUTDOWN_TIMEOUT_MS, 'milliseconds a graceful stop may take'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS)
    .default('info')
    .describe(`one of ${LOG_LEVELS.join(', ')}`),
};

/** One view to serve, as configured. */
export interface ServedViewConfig {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each view has its own row type
  readonly view: FeatureView<any>;
  readonly topic: string;
  /** How an Avro view's topic is framed; `undefined` for JSON views. */
  readonly format: AvroFormat | undefined;
}

export interface FeatureServerConfig {
  readonly connection: KafkaConnectionOptions;
  readonly views: readonly ServedViewConfig[];
  readonly schemaRegistry: SchemaRegistrySettings;
  readonly stateDir: string;
  readonly port: number;
  readonly host: string;
  readonly commitIntervalMs: number;
  readonly maxUncommittedRows: number;
  readonly cacheEntriesPerView: number;
  readonly shutdownTimeoutMs: number;
  readonly logLevel: LogLevel;
}

/** Reads the config once at start; throws `ENV_CONFIG_INVALID` listing every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): FeatureServerConfig {
  const parsed = parseWorkerEnv(configShape, env) as z.output<z.ZodObject<typeof configShape>> & Record<string, string>;
  return {
    connection: kafkaConnectionFromEnv(parsed),
    views: parsed.FEATURE_VIEWS.map((name) => {
      const view = servableViews.find((candidate) => candidate.name === name) as FeatureView;
      const stem = variableStem(name);
      return {
        view,
        topic: parsed[`${stem}_TOPIC`] as string,
        format: view.encoding === 'avro' ? (parsed[`${stem}_FORMAT`] as AvroFormat) : undefined,
      };
    }),
    schemaRegistry: schemaRegistrySettingsFromEnv(parsed),
    stateDir: parsed.STATE_DIR,
    port: parsed.HTTP_PORT,
    host: parsed.HOST,
    commitIntervalMs: parsed.COMMIT_INTERVAL_MS,
    maxUncommittedRows: parsed.MAX_UNCOMMITTED_ROWS,
    cacheEntriesPerView: parsed.CACHE_ENTRIES_PER_VIEW,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    logLevel: parsed.LOG_LEVEL,
  };
}
