import { DEFAULT_TIME_ZONE } from '@fp/flights';
import {
  DEFAULT_USAGE_STATISTICS_TOPICS,
  usageStatisticsModes,
  type UsageStatisticsMode,
  type UsageStatisticsTopics,
} from '@fp/usage-statistics';
import { parseWorkerEnv, workerEnvShape, workerSettingsFromEnv, type WorkerSettings } from '@fp/worker-ops';
import { z } from 'zod';

const topicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/)
  .describe('a Kafka topic name');

/** Every environment variable this base reads, with its default and what it expects. */
export const configShape = {
  ...workerEnvShape({ clientId: 'usage-statistics-worker', applicationId: 'usage-statistics' }),
  FLIGHTDATA_TOPIC: topicName.default(DEFAULT_USAGE_STATISTICS_TOPICS.flightdata),
  USERSTATISTICS_TOPIC: topicName.default(DEFAULT_USAGE_STATISTICS_TOPICS.userstatistics),
  LATE_TOPIC: topicName.optional(),
  USAGE_STATISTICS_MODE: z
    .enum(usageStatisticsModes)
    .default('cumulative')
    .describe(`one of ${usageStatisticsModes.join(', ')}`),
  TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isTimeZone, 'unknown time zone')
    .describe('an IANA time zone for times without an offset, e.g. UTC or Europe/Berlin'),
};

export interface UsageStatisticsWorkerConfig {
  readonly worker: WorkerSettings;
  readonly topics: UsageStatisticsTopics;
  readonly mode: UsageStatisticsMode;
  readonly timeZone: string;
}

/** Reads the config once at start; throws `ENV_CONFIG_INVALID` listing every bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[] = [],
): UsageStatisticsWorkerConfig {
  const parsed = parseWorkerEnv(configShape, env);
  return {
    worker: workerSettingsFromEnv(parsed, argv),
    topics: {
      flightdata: parsed.FLIGHTDATA_TOPIC,
      userstatistics: parsed.USERSTATISTICS_TOPIC,
      ...(parsed.LATE_TOPIC === undefined ? {} : { late: parsed.LATE_TOPIC }),
    },
    mode: parsed.USAGE_STATISTICS_MODE,
    timeZone: parsed.TIME_ZONE,
  };
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
