import { fileOption, parseCommandLine } from '@fp/env-config';
import { LOG_LEVELS } from '@fp/log';
import { parseDurationMs } from '@fp/offline-store';
import { z } from 'zod';

export const USAGE = `usage: npm run training-set -- --labels <file.csv|file.parquet> --entity <column> --time <column>
                              --views <view,...> --out <file.parquet|file.csv> [--max-age <duration>] [--store <dir>]
  For each label row, the latest row of each view available at or before its time (never one from its future),
  and none older than --max-age (e.g. 30m, 2h, 7d). --store: the offline store (default OFFLINE_STORE_DIR or ./offline-store).`;

/** The options (and the variables that can stand for them), checked together. */
export const configSchema = z.object({
  labels: fileOption(['csv', 'parquet']),
  entity: z.string().min(1).describe('the labels’ entity column'),
  time: z.string().min(1).describe('the labels’ time column'),
  views: z
    .string()
    .min(1)
    .transform((text) =>
      text
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    )
    .describe('view names separated by commas'),
  out: fileOption(['parquet', 'csv']),
  'max-age': z
    .string()
    .refine((text) => safeDuration(text) !== undefined, 'not a duration')
    .transform((text) => safeDuration(text) ?? 0)
    .optional()
    .describe('an integer and a unit: 500ms, 30s, 10m, 2h, 7d'),
  store: z.string().min(1).default('offline-store').describe('the offline store directory'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS)
    .default('info')
    .describe(`one of ${LOG_LEVELS.join(', ')}`),
});

export interface TrainingSetCliConfig {
  readonly labelsPath: string;
  readonly entityColumn: string;
  readonly timeColumn: string;
  readonly viewNames: readonly string[];
  readonly outPath: string;
  readonly maxAgeMs?: number;
  readonly storeRoot: string;
  readonly logLevel: z.output<typeof configSchema>['LOG_LEVEL'];
}

/**
 * Reads the command line (`argv` without node and the script) once; `OFFLINE_STORE_DIR` and
 * `LOG_LEVEL` come from the environment. Throws `ENV_CONFIG_INVALID` listing every bad option.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): TrainingSetCliConfig {
  const parsed = parseCommandLine(configSchema, argv, {
    options: ['labels', 'entity', 'time', 'views', 'out', 'max-age', 'store'],
    usage: USAGE,
    fallbacks: { store: env['OFFLINE_STORE_DIR'], LOG_LEVEL: env['LOG_LEVEL'] },
  });
  return {
    labelsPath: parsed.labels,
    entityColumn: parsed.entity,
    timeColumn: parsed.time,
    viewNames: parsed.views,
    outPath: parsed.out,
    ...(parsed['max-age'] === undefined ? {} : { maxAgeMs: parsed['max-age'] }),
    storeRoot: parsed.store,
    logLevel: parsed.LOG_LEVEL,
  };
}

function safeDuration(text: string): number | undefined {
  try {
    return parseDurationMs(text);
  } catch {
    return undefined;
  }
}
