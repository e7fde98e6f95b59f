import { EnvConfigError, parseEnv } from '@fp/env-config';
import { BAD_RECORD_POLICIES, type BadRecordPolicy } from '@fp/errors';
import {
  DEFAULT_CONNECTION_CHECK_TIMEOUT_MS,
  SASL_MECHANISMS,
  type KafkaConnectionOptions,
} from '@fp/kafka-connection';
import { DEFAULT_COMMIT_INTERVAL_MS, type StreamingRunOptions } from '@fp/kafka-runtime';
import { LOG_LEVELS, type LogLevel } from '@fp/log';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const runModes = ['streaming', 'bounded'] as const;
export type RunMode = (typeof runModes)[number];

/**
 * What a streaming worker promises: `at-least-once` (a crash replays what the last checkpoint did
 * not cover) or `exactly-once` (each checkpoint is one Kafka transaction; readers use read_committed).
 */
export const processingGuarantees = ['at-least-once', 'exactly-once'] as const satisfies readonly NonNullable<
  StreamingRunOptions['guarantee']
>[];
export type ProcessingGuarantee = (typeof processingGuarantees)[number];


/** The ops HTTP port of every worker: probes and Prometheus scrape it. */
export const DEFAULT_HTTP_PORT = 8080;
/** Relative to the working directory; containers set an absolute path on a volume. */
export const DEFAULT_STATE_DIR = './state';
/** kafkajs' default: how long the group waits for a silent worker before moving its tasks. */
export const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
/** The broker's default `group.min.session.timeout.ms`. */
const MIN_SESSION_TIMEOUT_MS = 6_000;
/**
 * How long SIGTERM may take (final checkpoint included) before the process exits anyway: under
 * Kubernetes' default 30 s grace period, so the worker says why rather than being killed silently.
 */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;
/** Kafka Streams' default `num.stream.threads`: one; raise it to use more cores in one process. */
export const DEFAULT_STREAM_THREADS = 1;
/** Each thread holds a V8 heap, a consumer and a producer: past this many, run more processes instead. */
const MAX_STREAM_THREADS = 32;
/** The command-line switch that forces a bounded run whatever `MODE` says. */
export const BOUNDED_FLAG = '--bounded';

const HIGHEST_PORT = 65_535;
const booleanText = z
  .enum(['true', 'false'])
  .transform((text) => text === 'true')
  .describe('true or false');
const epochMs = z.coerce.number().int().nonnegative().describe('epoch milliseconds');

const brokerList = (text: string): string[] =>
  text
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
/** `host:port`, the host a name, an IPv4 address or a bracketed IPv6 address, the port in [1, 65535]. */
function isBrokerAddress(broker: string): boolean {
  const match = /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?):(\d{1,5})$/.exec(broker);
  const port = Number(match?.[3]);
  return match !== null && port >= 1 && port <= HIGHEST_PORT;
}

/** The variables that say how to reach Kafka; every process that talks to Kafka reads them. */
export function kafkaEnvShape(defaults: { readonly clientId: string }) {
  return {
    KAFKA_BROKERS: z
      .string()
      .default('localhost:9092')
      .refine((text) => brokerList(text).length > 0 && brokerList(text).every(isBrokerAddress), {
        message: 'not a list of host:port broker addresses',
      })
      .transform(brokerList)
      .describe('comma-separated host:port list, e.g. kafka-1:9092,kafka-2:9092'),
    KAFKA_CLIENT_ID: z.string().default(defaults.clientId).describe('client id shown in broker logs and quotas'),
    KAFKA_SSL: booleanText.default(false),
    KAFKA_SSL_CA_FILE: z.string().optional().describe('path to a PEM file of CA certificates (implies KAFKA_SSL)'),
    KAFKA_SASL_MECHANISM: z
      .enum(SASL_MECHANISMS)
      .optional()
      .describe(`one of ${SASL_MECHANISMS.join(', ')}`),
    KAFKA_SASL_USERNAME: z.string().optional().describe('SASL user, required with KAFKA_SASL_MECHANISM'),
    KAFKA_SASL_PASSWORD: z.string().optional().describe('SASL password, required with KAFKA_SASL_MECHANISM'),
  };
}

/** The variables every pipeline worker reads besides its topics and pipeline options. */
export function workerEnvShape(defaults: { readonly clientId: string; readonly applicationId: string }) {
  return {
    ...kafkaEnvShape(defaults),
    KAFKA_STARTUP_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(DEFAULT_CONNECTION_CHECK_TIMEOUT_MS)
      .describe('a positive integer of milliseconds to reach the brokers at start before failing'),
    APPLICATION_ID: z
      .string()
      .regex(/^[a-zA-Z0-9._-]+$/)
      .default(defaults.applicationId)
      .describe('consumer group and state directory name, [a-zA-Z0-9._-]'),
    STATE_DIR: z.string().default(DEFAULT_STATE_DIR).describe('directory for local LevelDB state'),
    COMMIT_INTERVAL_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(DEFAULT_COMMIT_INTERVAL_MS)
      .describe('a positive integer of milliseconds between checkpoints'),
    PROCESSING_GUARANTEE: z
      .enum(processingGuarantees)
      .default('at-least-once')
      .describe(`one of ${processingGuarantees.join(', ')}`),
    MODE: z
      .enum(runModes)
      .default('streaming')
      .describe(`one of ${runModes.join(', ')}`),
    BOUNDED_FROM_MS: epochMs.optional(),
    BOUNDED_TO_MS: epochMs.optional(),
    ON_BAD_RECORD: z
      .enum(BAD_RECORD_POLICIES)
      .default('dead-letter')
      .describe(`one of ${BAD_RECORD_POLICIES.join(', ')}`),
    DEAD_LETTER_TOPIC: z
      .string()
      .regex(/^[a-zA-Z0-9._-]{1,249}$/)
      .optional()
      .describe('a Kafka topic name; default <APPLICATION_ID>-dead-letters'),
    HTTP_PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(HIGHEST_PORT)
      .default(DEFAULT_HTTP_PORT)
      .describe(`an integer in [0, ${HIGHEST_PORT}]`),
    LOG_LEVEL: z
      .enum(LOG_LEVELS)
      .default('info')
      .describe(`one of ${LOG_LEVELS.join(', ')}`),
    SESSION_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(MIN_SESSION_TIMEOUT_MS)
      .default(DEFAULT_SESSION_TIMEOUT_MS)
      .describe(`an integer of milliseconds, at least ${MIN_SESSION_TIMEOUT_MS}`),
    SHUTDOWN_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(DEFAULT_SHUTDOWN_TIMEOUT_MS)
      .describe('a positive integer of milliseconds a graceful stop may take'),
    STREAM_THREADS: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_STREAM_THREADS)
      .default(DEFAULT_STREAM_THREADS)
      .describe(`an integer in [1, ${MAX_STREAM_THREADS}]`),
  };
}

type Env = Readonly<Record<string, string | undefined>>;
type KafkaEnv = z.output<z.ZodObject<ReturnType<typeof kafkaEnvShape>>>;
type WorkerEnv = z.output<z.ZodObject<ReturnType<typeof workerEnvShape>>>;

/**
 * `parseEnv` plus the checks that span variables (SASL needs a user and a password, the CA file
 * must be readable, a bounded range must not be empty), all reported in one `ENV_CONFIG_INVALID`.
 */
export function parseWorkerEnv<Shape extends z.ZodRawShape>(shape: Shape, env: Env): z.output<z.ZodObject<Shape>> {
  let parsed: z.output<z.ZodObject<Shape>> | undefined;
  const problems: string[] = [];
  try {
    parsed = parseEnv(z.object(shape), env);
  } catch (error) {
    if (!(error instanceof EnvConfigError)) throw error;
    problems.push(...error.problems);
  }
  problems.push(...crossVariableProblems(env));
  if (parsed === undefined || problems.length > 0) throw new EnvConfigError('ENV_CONFIG_INVALID', problems);
  return parsed;
}

function crossVariableProblems(env: Env): string[] {
  const problems: string[] = [];
  const isSet = (name: string) => env[name] !== undefined && env[name] !== '';
  if (isSet('KAFKA_SASL_MECHANISM')) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
      if (!isSet(name)) problems.push(`${name}: required when KAFKA_SASL_MECHANISM is set`);
    }
  } else if (isSet('KAFKA_SASL_USERNAME') || isSet('KAFKA_SASL_PASSWORD')) {
    problems.push('KAFKA_SASL_MECHANISM: required when a SASL user or password is set');
  }
  const caFile = env['KAFKA_SSL_CA_FILE'];
  if (caFile !== undefined && caFile !== '') {
    try {
      readFileSync(caFile);
    } catch {
      problems.push('KAFKA_SSL_CA_FILE: cannot be read (expected a readable PEM file)');
    }
  }
  const from = Number(env['BOUNDED_FROM_MS']);
  const to = Number(env['BOUNDED_TO_MS']);
  if (isSet('BOUNDED_FROM_MS') && isSet('BOUNDED_TO_MS') && from >= to) {
    problems.push('BOUNDED_TO_MS: must be after BOUNDED_FROM_MS');
  }
  return problems;
}

/** The kafkajs connection the Kafka variables describe; the CA file is read here, once. */
export function kafkaConnectionFromEnv(env: KafkaEnv): KafkaConnectionOptions {
  const ssl =
    env.KAFKA_SSL_CA_FILE !== undefined ? { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] } : env.KAFKA_SSL;
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    ...(ssl === false ? {} : { ssl }),
    ...(env.KAFKA_SASL_MECHANISM === undefined
      ? {}
      : {
          sasl: {
            mechanism: env.KAFKA_SASL_MECHANISM,
            username: env.KAFKA_SASL_USERNAME ?? '',
            password: env.KAFKA_SASL_PASSWORD ?? '',
          },
        }),
  };
}

/** How a worker runs, whatever its pipeline. */
export interface WorkerSettings {
  readonly connection: KafkaConnectionOptions;
  /** At start: how long to try the brokers before failing with what is wrong (unreachable, SASL, ACL, topic). */
  readonly startupTimeoutMs: number;
  readonly applicationId: string;
  readonly stateDir: string;
  readonly commitIntervalMs: number;
  /** Streaming: at-least-once, or exactly-once through one transaction per task and checkpoint. */
  readonly guarantee: ProcessingGuarantee;
  readonly mode: RunMode;
  /** Bounded runs: the input range by record timestamp (default earliest to the end at start). */
  readonly bounded: { readonly fromMs?: number; readonly toMs?: number };
  readonly onBadRecord: BadRecordPolicy;
  readonly deadLetterTopic: string;
  readonly httpPort: number;
  readonly logLevel: LogLevel;
  /** A graceful stop taking longer exits 1: the next start replays from the last checkpoint. */
  readonly shutdownTimeoutMs: number;
  /** Streaming: how long the group waits for a silent worker before moving its tasks. */
  readonly sessionTimeoutMs: number;
  /** Streaming: worker threads that run the topology, each a group member with its own tasks. */
  readonly streamThreads: number;
}

/** The settings the worker variables describe; `--bounded` in `argv` wins over `MODE`. */
export function workerSettingsFromEnv(env: WorkerEnv, argv: readonly string[] = []): WorkerSettings {
  return {
    connection: kafkaConnectionFromEnv(env),
    startupTimeoutMs: env.KAFKA_STARTUP_TIMEOUT_MS,
    applicationId: env.APPLICATION_ID,
    stateDir: env.STATE_DIR,
    commitIntervalMs: env.COMMIT_INTERVAL_MS,
    guarantee: env.PROCESSING_GUARANTEE,
    mode: argv.includes(BOUNDED_FLAG) ? 'bounded' : env.MODE,
    bounded: {
      ...(env.BOUNDED_FROM_MS === undefined ? {} : { fromMs: env.BOUNDED_FROM_MS }),
      ...(env.BOUNDED_TO_MS === undefined ? {} : { toMs: env.BOUNDED_TO_MS }),
    },
    onBadRecord: env.ON_BAD_RECORD,
    deadLetterTopic: env.DEAD_LETTER_TOPIC ?? `${env.APPLICATION_ID}-dead-letters`,
    httpPort: env.HTTP_PORT,
    logLevel: env.LOG_LEVEL,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    sessionTimeoutMs: env.SESSION_TIMEOUT_MS,
    streamThreads: env.STREAM_THREADS,
  };
}
