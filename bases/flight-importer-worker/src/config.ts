import { DEFAULT_FLIGHT_IMPORTER_TOPICS, DEFAULT_TIME_ZONE, type FlightImporterTopics } from '@fp/flights';
import { parseWorkerEnv, workerEnvShape, workerSettingsFromEnv, type WorkerSettings } from '@fp/worker-ops';
import { z } from 'zod';

const topicName = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/)
  .describe('a Kafka topic name');

/** Every environment variable this base reads, with its default and what it expects. */
export const configShape = {
  ...workerEnvShape({ clientId: 'flight-importer-worker', applicationId: 'flight-importer' }),
  SKYONE_TOPIC: topicName.default(DEFAULT_FLIGHT_IMPORTER_TOPICS.skyone),
  SUNSET_TOPIC: topicName.default(DEFAULT_FLIGHT_IMPORTER_TOPICS.sunset),
  FLIGHTDATA_TOPIC: topicName.default(DEFAULT_FLIGHT_IMPORTER_TOPICS.flightdata),
  TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isTimeZone, 'unknown time zone')
    .describe('an IANA time zone for times without an offset, e.g. UTC or Europe/Berlin'),
};

export interface FlightImporterWorkerConfig {
  readonly worker: WorkerSettings;
  readonly topics: FlightImporterTopics;
  readonly timeZone: string;
}

/** Reads the config once at start; throws `ENV_CONFIG_INVALID` listing every bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[] = [],
): FlightImporterWorkerConfig {
  const parsed = parseWorkerEnv(configShape, env);
  return {
    worker: workerSettingsFromEnv(parsed, argv),
    topics: { skyone: parsed.SKYONE_TOPIC, sunset: parsed.SUNSET_TOPIC, flightdata: parsed.FLIGHTDATA_TOPIC },
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
