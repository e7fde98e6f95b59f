/**
 * The usage-statistics pipeline (cumulative mode: tumbling 1-minute totals per email, then a
 * running total per email) over generated SkyOne and Sunset flights mapped to `FlightData`,
 * through `runLocal` with LevelDB state. Record timestamps advance by `--spacing-ms` per flight.
 * Flights are generated as the run reads them: `generatorSeconds` says how long that took, and
 * `eventsPerSecWithoutGenerator` leaves it out.
 *
 *   npx tsx development/bench/usage-statistics-bench.ts [--events=2000000] [--partitions=6] [--spacing-ms=100]
 */
import { createFlightGenerator, EMAIL_POOL_SIZE } from '@fp/flight-datagen';
import { skyOneToFlightData, sunsetToFlightData } from '@fp/flights';
import { runLocal } from '@fp/stream-runtime';
import { buildUsageStatisticsTopology } from '@fp/usage-statistics';
import { cpuSeconds, numberArg, printResult, result, round, seconds } from './bench-result';
import { timedGeneration } from './timed-generation';

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
  const generated = timedGeneration(flights());
  const startedAtMs = performance.now();
  const startedCpu = process.cpuUsage();
  const run = await runLocal(buildUsageStatisticsTopology({ mode: 'cumulative' }), {
    inputs: { flightdata: { records: generated.records } },
    partitions,
    onOutput: () => {
      statistics++;
    },
  });
  const runSeconds = seconds(startedAtMs);
  const generatorSeconds = generated.generatorSeconds();
  printResult(
    result('usage-statistics-local', run.recordsRead, runSeconds, {
      cpuSeconds: cpuSeconds(startedCpu),
      // Flights are generated during the run: `seconds` includes it, the figure below does not.
      generatorSeconds: round(generatorSeconds, 2),
      eventsPerSecWithoutGenerator: Math.round(run.recordsRead / (runSeconds - generatorSeconds)),
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
