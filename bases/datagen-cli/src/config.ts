import type { CompatibilityLevel } from '@fp/schema-registry';
import { LOG_LEVELS, type LogLevel } from '@fp/log';
import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { EnvConfigError } from '@fp/env-config';
import { DEFAULT_TRANSACTIONS_PER_SECOND } from '@fp/transaction-datagen';
import { kafkaConnectionFromEnv, kafkaEnvShape, parseWorkerEnv } from '@fp/worker-ops';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const generators = ['flights', 'transactions'] as const;
export type GeneratorName = (typeof generators)[number];
export const datagenModes = ['live', 'backfill'] as const;
export const transactionFormats = ['confluent', 'raw'] as const;

/** Enough flights to watch the importer and the statistics move, few enough to read the topics. */
export const DEFAULT_FLIGHTS_PER_SECOND = 10;
export const DEFAULT_BACKFILL_COUNT = 100_000;
export const DEFAULT_SEED = 42;
/** A backfill without a range covers the hour before the run. */
export const DEFAULT_BACKFILL_SPAN_MS = 3_600_000;

const topicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/)
  .describe('a Kafka topic name');
const instant = z
  .string()
  .refine((text) => parseInstant(text) !== undefined, 'not a time')
  .transform((text) => parseInstant(text) ?? 0)
  .describe('epoch milliseconds or an ISO-8601 date-time');

/** Every environment variable this base reads; the command-line options set the same names. */
export const configShape = {
  ...kafkaEnvShape({ clientId: 'datagen-cli' }),
  GENERATOR: z.enum(generators).describe(`one of ${generators.join(', ')} (the first argument)`),
  DATAGEN_MODE: z
    .enum(datagenModes)
    .default('live')
    .describe(`one of ${datagenModes.join(', ')} (--backfill)`),
  SEED: z.coerce.number().int().default(DEFAULT_SEED).describe('an integer (--seed)'),
  RATE_PER_SECOND: z.coerce.number().positive().optional().describe('records per second in live mode (--rate)'),
  COUNT: z.coerce.number().int().nonnegative().optional().describe('number of records (--count)'),
  BACKFILL_FROM: instant.optional(),
  BACKFILL_TO: instant.optional(),
  CREATE_TOPICS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((text) => text === 'true')
    .describe('true or false (--create)'),
  TOPIC_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1).describe('a positive integer'),
  SKYONE_TOPIC: topicName.default('skyone'),
  SUNSET_TOPIC: topicName.default('sunset'),
  FLIGHTDATA_TOPIC: topicName.default('flightdata').describe('recreated by --create'),
  USERSTATISTICS_TOPIC: topicName.default('userstatistics').describe('recreated by --create'),
  TRANSACTIONS_TOPIC: topicName.default('credit_card_transactions'),
  TRANSACTIONS_FORMAT: z
    .enum(transactionFormats)
    .default('confluent')
    .describe(`one of ${transactionFormats.join(', ')} (--format)`),
  SCHEMA_REGISTRY_URL: z
    .url()
    .default('http://localhost:8081/apis/ccompat/v7')
    .describe('base URL of the Confluent-compatible registry API'),
  SCHEMA_REGISTRY_USERNAME: z.string().optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
  SCHEMA_REGISTRY_COMPATIBILITY: z
    .enum(['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'])
    .default('BACKWARD'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS)
    .default('info')
    .describe(`one of ${LOG_LEVELS.join(', ')}`),
};

/** The command-line options and the variables they set. */
const OPTION_VARIABLES = {
  count: 'COUNT',
  rate: 'RATE_PER_SECOND',
  seed: 'SEED',
  from: 'BACKFILL_FROM',
  to: 'BACKFILL_TO',
  format: 'TRANSACTIONS_FORMAT',
} as const;
const FLAG_VARIABLES = {
  create: ['CREATE_TOPICS', 'true'],
  backfill: ['DATAGEN_MODE', 'backfill'],
} as const;

export const USAGE = `usage: datagen <flights|transactions> [--create] [--backfill] [--count N] [--rate PER_SECOND]
                [--from TIME] [--to TIME] [--seed N] [--format confluent|raw]
  live (default): records stamped now, --rate per second, forever or until --count
  --backfill: --count records (default ${DEFAULT_BACKFILL_COUNT}) spread over [--from, --to) (default: the last hour), as fast as the broker takes them
  --create (flights): delete and recreate skyone, sunset, flightdata, userstatistics with 5 partitions each
Every option can also be given as an environment variable (COUNT, RATE_PER_SECOND, ...).`;

export interface DatagenConfig {
  readonly connection: KafkaConnectionOptions;
  readonly generator: GeneratorName;
  readonly seed: number;
  /** Live: paced at `ratePerSecond`; stops after `count` when set. Backfill: `count` records over the range. */
  readonly mode:
    | { readonly kind: 'live'; readonly ratePerSecond: number; readonly count?: number }
    | { readonly kind: 'backfill'; readonly count: number; readonly fromMs: number; readonly toMs: number };
  readonly createTopics: boolean;
  readonly topicReplicationFactor: number;
  readonly topics: {
    readonly skyone: string;
    readonly sunset: string;
    readonly flightdata: string;
    readonly userstatistics: string;
    readonly transactions: string;
  };
  readonly transactionsFormat: (typeof transactionFormats)[number];
  readonly schemaRegistry: {
    readonly url: string;
    readonly auth?: { readonly username: string; readonly password: string };
    readonly compatibility: CompatibilityLevel;
  };
  readonly logLevel: LogLevel;
}

/**
 * Reads the command line (`argv` without node and the script) over the environment, once; throws
 * `ENV_CONFIG_INVALID` listing every bad option or variable at once. `nowMs` anchors the default
 * backfill range.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
  nowMs: number,
): DatagenConfig {
  const { overrides, problems } = argsToVariables(argv);
  let parsed: z.output<z.ZodObject<typeof configShape>> | undefined;
  try {
    parsed = parseWorkerEnv(configShape, { ...env, ...overrides });
  } catch (error) {
    if (!(error instanceof EnvConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (parsed !== undefined) {
    const toMs = parsed.BACKFILL_TO ?? nowMs;
    const fromMs = parsed.BACKFILL_FROM ?? toMs - DEFAULT_BACKFILL_SPAN_MS;
    if (parsed.DATAGEN_MODE === 'backfill' && fromMs >= toMs) {
      problems.push('BACKFILL_TO: must be after BACKFILL_FROM (--to after --from)');
    }
    if (parsed.CREATE_TOPICS && parsed.GENERATOR !== 'flights') {
      problems.push('CREATE_TOPICS: only the flights generator creates topics (--create)');
    }
    if (problems.length === 0) return toConfig(parsed, fromMs, toMs);
  }
  throw new EnvConfigError('ENV_CONFIG_INVALID', problems);
}

function toConfig(parsed: z.output<z.ZodObject<typeof configShape>>, fromMs: number, toMs: number): DatagenConfig {
  const defaultRate = parsed.GENERATOR === 'flights' ? DEFAULT_FLIGHTS_PER_SECOND : DEFAULT_TRANSACTIONS_PER_SECOND;
  const username = parsed.SCHEMA_REGISTRY_USERNAME;
  return {
    connection: kafkaConnectionFromEnv(parsed),
    generator: parsed.GENERATOR,
    seed: parsed.SEED,
    mode:
      parsed.DATAGEN_MODE === 'backfill'
        ? { kind: 'backfill', count: parsed.COUNT ?? DEFAULT_BACKFILL_COUNT, fromMs, toMs }
        : {
            kind: 'live',
            ratePerSecond: parsed.RATE_PER_SECOND ?? defaultRate,
            ...(parsed.COUNT === undefined ? {} : { count: parsed.COUNT }),
          },
    createTopics: parsed.CREATE_TOPICS,
    topicReplicationFactor: parsed.TOPIC_REPLICATION_FACTOR,
    topics: {
      skyone: parsed.SKYONE_TOPIC,
      sunset: parsed.SUNSET_TOPIC,
      flightdata: parsed.FLIGHTDATA_TOPIC,
      userstatistics: parsed.USERSTATISTICS_TOPIC,
      transactions: parsed.TRANSACTIONS_TOPIC,
    },
    transactionsFormat: parsed.TRANSACTIONS_FORMAT,
    schemaRegistry: {
      url: parsed.SCHEMA_REGISTRY_URL,
      ...(username === undefined ? {} : { auth: { username, password: parsed.SCHEMA_REGISTRY_PASSWORD ?? '' } }),
      compatibility: parsed.SCHEMA_REGISTRY_COMPATIBILITY,
    },
    logLevel: parsed.LOG_LEVEL,
  };
}

function argsToVariables(argv: readonly string[]): { overrides: Record<string, string>; problems: string[] } {
  const problems: string[] = [];
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    options: {
      ...Object.fromEntries(Object.keys(OPTION_VARIABLES).map((name) => [name, { type: 'string' as const }])),
      ...Object.fromEntries(Object.keys(FLAG_VARIABLES).map((name) => [name, { type: 'boolean' as const }])),
    },
  });
  const overrides: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name in OPTION_VARIABLES && typeof value === 'string') {
      overrides[OPTION_VARIABLES[name as keyof typeof OPTION_VARIABLES]] = value;
    } else if (name in FLAG_VARIABLES && value === true) {
      const [variable, setting] = FLAG_VARIABLES[name as keyof typeof FLAG_VARIABLES];
      overrides[variable] = setting;
    } else {
      problems.push(`--${name}: unknown option or missing value`);
    }
  }
  const [generator, ...extra] = positionals;
  if (generator !== undefined) overrides['GENERATOR'] = generator;
  if (extra.length > 0) problems.push(`unexpected arguments: ${extra.join(' ')}`);
  return { overrides, problems };
}

function parseInstant(text: string): number | undefined {
  const epochMs = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(epochMs) ? epochMs : undefined;
}
