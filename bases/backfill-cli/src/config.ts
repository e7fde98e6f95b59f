import { fileOption, parseCommandLine } from '@fp/env-config';
import { LOG_LEVELS } from '@fp/log';
import { statSync } from 'node:fs';
import { z } from 'zod';
import { backfillPipelines } from './pipelines';

const PIPELINE_NAMES = [...backfillPipelines.keys()];

export const USAGE = `usage: npm run backfill -- --pipeline <${PIPELINE_NAMES.join('|')}> --input <name>=<file.parquet|file.csv> [--input ...]
                         [--timestamp-column <column>] [--partitions <n>] [--store <dir>]
  Runs the pipeline's topology bounded over the files and archives its view's rows in the offline store.
  Inputs: ${[...backfillPipelines].map(([name, pipeline]) => `${name}: ${Object.keys(pipeline.inputs).join(', ')}`).join('; ')}.
  --timestamp-column: each record's timestamp, epoch ms (card-features: default datetime). --partitions: as the
  topics on Kafka (default 1). --store: the offline store (default OFFLINE_STORE_DIR or ./offline-store).`;

const INPUT_FILE = fileOption(['parquet', 'csv']);

/** The options (and the variables that can stand for them), checked together, the inputs against the pipeline. */
export const configSchema = z
  .object({
    pipeline: z.enum(PIPELINE_NAMES).describe(`one of ${PIPELINE_NAMES.join(', ')}`),
    input: z.array(z.string()).min(1).describe('<name>=<file.parquet|file.csv>, once per input of the pipeline'),
    'timestamp-column': z.string().min(1).optional().describe('the files’ column of record timestamps (epoch ms)'),
    partitions: z.coerce.number().int().positive().max(10_000).default(1).describe('an integer in [1, 10000]'),
    store: z.string().min(1).default('offline-store').describe('the offline store directory'),
    LOG_LEVEL: z
      .enum(LOG_LEVELS)
      .default('info')
      .describe(`one of ${LOG_LEVELS.join(', ')}`),
  })
  // Runs even when another option is bad, so one run names every problem.
  .superRefine(
    (options, context) => {
      for (const { option, message } of inputProblems(options.pipeline, options.input, options['timestamp-column'])) {
        context.addIssue({ code: 'custom', path: [option], message });
      }
    },
    { when: () => true },
  );

export interface BackfillCliConfig {
  readonly pipelineName: string;
  /** Per input of the pipeline: its file. */
  readonly inputFiles: Readonly<Record<string, string>>;
  readonly timestampColumn?: string;
  readonly partitions: number;
  readonly storeRoot: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
}

/**
 * Reads the command line (`argv` without node and the script) once; `OFFLINE_STORE_DIR` and
 * `LOG_LEVEL` come from the environment. Throws `ENV_CONFIG_INVALID` listing every bad option,
 * missing file and input the pipeline does not read.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): BackfillCliConfig {
  const parsed = parseCommandLine(configSchema, argv, {
    options: ['pipeline', 'input', 'timestamp-column', 'partitions', 'store'],
    repeatable: ['input'],
    usage: USAGE,
    fallbacks: { store: env['OFFLINE_STORE_DIR'], LOG_LEVEL: env['LOG_LEVEL'] },
  });
  const timestampColumn = parsed['timestamp-column'];
  return {
    pipelineName: parsed.pipeline,
    inputFiles: Object.fromEntries(parsed.input.map(splitInput)),
    ...(timestampColumn === undefined ? {} : { timestampColumn }),
    partitions: parsed.partitions,
    storeRoot: parsed.store,
    logLevel: parsed.LOG_LEVEL,
  };
}

/** `name=path` at the first `=` (a path may hold more). */
function splitInput(entry: string): [string, string] {
  const at = entry.indexOf('=');
  return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
}

/** Every `--input` that is malformed, of a wrong type, missing, given twice or not read by the pipeline. */
function inputProblems(
  pipelineName: unknown,
  entries: unknown,
  timestampColumn: unknown,
): { option: 'input' | 'timestamp-column'; message: string }[] {
  if (!Array.isArray(entries)) return [];
  const problems: { option: 'input' | 'timestamp-column'; message: string }[] = [];
  const problem = (message: string) => problems.push({ option: 'input', message });
  const given = new Set<string>();
  for (const [name, file] of (entries as string[]).map(splitInput)) {
    if (name === '' || file === '') {
      problem(`"${name}${file === '' ? '' : `=${file}`}" is not <name>=<file>`);
      continue;
    }
    if (given.has(name)) problem(`${name} is given twice`);
    given.add(name);
    if (!INPUT_FILE.safeParse(file).success) problem(`${name}: ${file} must end in .parquet or .csv`);
    else if (!isFile(file)) problem(`${name}: no file ${file}`);
  }
  const pipeline = typeof pipelineName === 'string' ? backfillPipelines.get(pipelineName) : undefined;
  if (pipeline === undefined) return problems;
  const known = Object.keys(pipeline.inputs);
  for (const name of given) {
    if (!known.includes(name)) problem(`${pipelineName} reads no input ${name}; its inputs: ${known.join(', ')}`);
  }
  for (const [name, input] of Object.entries(pipeline.inputs)) {
    if (!given.has(name)) problem(`${pipelineName} needs --input ${name}=<file>`);
    else if (timestampColumn === undefined && input.defaultTimestampColumn === undefined) {
      problems.push({
        option: 'timestamp-column',
        message: `${pipelineName} takes event time from the record timestamp: name the ${name} files' column of epoch milliseconds`,
      });
    }
  }
  return problems;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
