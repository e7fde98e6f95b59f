/**
 * Runs one of the three pipelines in-process (`runLocal`, LevelDB state in a temporary directory)
 * on files or on generated data, and prints the output rows as a table.
 *
 *   npx tsx development/run-pipeline.ts <card-features|flight-importer|usage-statistics>
 *       [--generate N] [--seed 42] [--input SOURCE=FILE ...] [--rows 20] [--partitions 6]
 *
 * --generate N   N generated input records (default 10,000) over the hour from 2026-01-01T12:00Z:
 *                card transactions, SkyOne/Sunset bookings, or flightdata records
 * --input        a JSON-lines file (`{"key","value","timestampMs"}` per line) or an Avro container
 *                file (`.avro`) of values, for a source step or topic: read-transactions,
 *                read-skyone, read-sunset, read-flightdata (repeat for both flight inputs)
 * --rows         how many output rows to print (default 20)
 * The flight importer keeps flights arriving after 2026-01-01T12:00Z (its clock in this script).
 */
import { buildCardFeaturesTopology, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import { createFlightGenerator } from '@fp/flight-datagen';
import { buildFlightImporterTopology, skyOneToFlightData, sunsetToFlightData } from '@fp/flights';
import { runLocal, type LocalInput } from '@fp/stream-runtime';
import type { Topology } from '@fp/topology';
import { backfillTransactions } from '@fp/transaction-datagen';
import { buildUsageStatisticsTopology } from '@fp/usage-statistics';
import { parseArgs } from 'node:util';

const START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);
const ONE_HOUR_MS = 3_600_000;
const PIPELINES = ['card-features', 'flight-importer', 'usage-statistics'] as const;
type Pipeline = (typeof PIPELINES)[number];

const topologies: Record<Pipeline, () => Topology> = {
  'card-features': () =>
    buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
  'flight-importer': () => buildFlightImporterTopology({ now: () => START_MS }),
  'usage-statistics': () => buildUsageStatisticsTopology(),
};

/** The record time of the i-th of `count` generated records, evenly over the hour. */
const timeOf = (i: number, count: number) => START_MS + Math.floor((i * ONE_HOUR_MS) / count);

function generatedInputs(pipeline: Pipeline, count: number, seed: number): Record<string, LocalInput> {
  if (pipeline === 'card-features') {
    const transactions = backfillTransactions({ seed, count, fromMs: START_MS, toMs: START_MS + ONE_HOUR_MS });
    return {
      'read-transactions': {
        records: (function* () {
          for (const value of transactions) yield { value, timestampMs: value.datetime ?? 0 };
        })(),
      },
    };
  }
  let clockMs = START_MS;
  const generator = createFlightGenerator({ seed, now: () => clockMs });
  if (pipeline === 'flight-importer') {
    const skyone = [];
    const sunset = [];
    for (let i = 0; i < count; i++) {
      clockMs = timeOf(i, count);
      if (i % 2 === 0) skyone.push({ ...generator.nextSkyOne(), timestampMs: clockMs });
      else sunset.push({ ...generator.nextSunset(), timestampMs: clockMs });
    }
    return { 'read-skyone': { records: skyone }, 'read-sunset': { records: sunset } };
  }
  const flights = [];
  for (let i = 0; i < count; i++) {
    clockMs = timeOf(i, count);
    const flight =
      i % 2 === 0 ? skyOneToFlightData(generator.nextSkyOne().value) : sunsetToFlightData(generator.nextSunset().value);
    flights.push({ key: { confirmation: flight.confirmation }, value: flight, timestampMs: clockMs });
  }
  return { 'read-flightdata': { records: flights } };
}

function fileInputs(specs: readonly string[]): Record<string, LocalInput> {
  return Object.fromEntries(
    specs.map((spec) => {
      const [source, file] = spec.split('=');
      if (!source || !file) throw new Error(`--input must be SOURCE=FILE, got ${spec}`);
      return [source, { file, format: file.endsWith('.avro') ? 'avro' : 'json-lines' } satisfies LocalInput];
    }),
  );
}

/** Flattens one level of objects (`key.email_address`), so console.table shows scalar columns. */
function flatten(prefix: string, data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object') return { [prefix]: data };
  return Object.fromEntries(Object.entries(data).map(([name, value]) => [`${prefix}.${name}`, value]));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      generate: { type: 'string' },
      seed: { type: 'string', default: '42' },
      input: { type: 'string', multiple: true },
      rows: { type: 'string', default: '20' },
      partitions: { type: 'string', default: '6' },
    },
  });
  const pipeline = positionals[0] as Pipeline | undefined;
  if (pipeline === undefined || !PIPELINES.includes(pipeline)) {
    throw new Error(`the first argument must be one of ${PIPELINES.join(', ')}`);
  }
  const inputs =
    values.input === undefined
      ? generatedInputs(pipeline, Number(values.generate ?? 10_000), Number(values.seed))
      : fileInputs(values.input);
  const topology = topologies[pipeline]();
  console.log(topology.describe());

  const startedAtMs = performance.now();
  const result = await runLocal(topology, { inputs, partitions: Number(values.partitions) });
  const seconds = (performance.now() - startedAtMs) / 1000;
  console.log(
    `\n${result.recordsRead.toLocaleString('en')} records in ${seconds.toFixed(1)} s; late: ${result.counters.lateRecords}, dead-lettered: ${result.deadLetters.length}`,
  );
  for (const [topic, records] of Object.entries(result.outputs)) {
    console.log(`\n${topic}: ${records.length.toLocaleString('en')} records, the first ${values.rows}:`);
    console.table(
      records.slice(0, Number(values.rows)).map(({ key, value, timestampMs, partition }) => ({
        partition,
        timestamp: new Date(timestampMs).toISOString(),
        ...flatten('key', key),
        ...flatten('value', value),
      })),
    );
  }
}

main().catch((error: unknown) => {
  console.error('run-pipeline failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
