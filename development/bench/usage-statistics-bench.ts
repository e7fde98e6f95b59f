/**
 * The usage-statistics pipeline (cumulative mode: tumbling 1-minute totals per email, then a
 * running total per email) over generated SkyOne and Sunset flights mapped to `FlightData`,
 * through `runLocal` with LevelDB state. Record timestamps advance by `--spacing-ms` per flight.
 *
 *   npx tsx development/bench/usage-statistics-bench.ts [--events=2000000] [--partitions=6] [--spacing-ms=100]
 */
import { createFlightGenerator, EMAIL_POOL_SIZE } from '@fp/flight-datagen';
import { skyOneToFlightData, sunsetToFlightData } from '@fp/flights';
import { runLocal } from '@fp/stream-runtime';
import { buildUsageStatisticsTopology } from '@fp/usage-statistics';
import { cpuSeconds, numberArg, printResult, result, seconds } from './bench-result';

const SEED = 11;
const START_MS = Date.UTC(2026, 0, 1);

async function main(): Promise<void> {
  const events = numberArg('events', 2_000_000);
  const partitions = numberArg('partitions', 6);
  const spacingMs = numberArg('spacing-ms', 100);
  let clockMs = START_MS;
  const generator = createFlightGenerator({ seed: SEED, now: () => clockMs });
  function* flights() {
    for (let i = 0; i < events; i++) {
      clockMs = START_MS + i * spacingMs;
      const value =
        i % 2 === 0
          ? skyOneToFlightData(generator.nextSkyOne().value)
          : sunsetToFlightData(generator.nextSunset().value);
      yield { key: { confirmation: value.confirmation }, value, timestampMs: clockMs };
    }
  }
  let statistics = 0;
  const startedAtMs = performance.now();
  const startedCpu = process.cpuUsage();
  const run = await runLocal(buildUsageStatisticsTopology({ mode: 'cumulative' }), {
    inputs: { flightdata: { records: flights() } },
    partitions,
    onOutput: () => {
      statistics++;
    },
  });
  printResult(
    result('usage-statistics-local', run.recordsRead, seconds(startedAtMs), {
      cpuSeconds: cpuSeconds(startedCpu),
      partitions,
      emails: EMAIL_POOL_SIZE,
      statistics,
      late: run.counters.lateRecords,
    }),
  );
}

main().catch((error: unknown) => {
  console.error('usage-statistics bench failed:', error);
  process.exitCode = 1;
});
