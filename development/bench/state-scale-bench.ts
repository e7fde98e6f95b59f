/**
 * State at scale: `--keys` distinct keys (each seen once, by default) through a count per key
 * with LevelDB state via `runLocal`, which checkpoints every `--checkpoint-every` records. Prints
 * events/s and the process's peak RSS, sampled as it goes to show memory stays bounded.
 *
 *   npx tsx development/bench/state-scale-bench.ts [--keys=10000000] [--events=keys] [--partitions=1]
 *     [--checkpoint-every=100000]
 */
import { numberSerde, stringSerde } from '@fp/serdes';
import { runLocal } from '@fp/stream-runtime';
import { createTopology } from '@fp/topology';
import { cpuSeconds, currentRssMb, numberArg, printResult, result, round, seconds } from './bench-result';

/** RSS samples taken over the run, to show the curve flattens rather than only its peak. */
const RSS_SAMPLES = 10;

async function main(): Promise<void> {
  const keys = numberArg('keys', 10_000_000);
  const events = numberArg('events', keys);
  const partitions = numberArg('partitions', 1);
  const checkpointEveryRecords = numberArg('checkpoint-every', 100_000);
  const topology = createTopology('state-scale');
  topology
    .stream('read-events', { topic: 'events', key: stringSerde, value: numberSerde })
    .groupByKey()
    .count('count-per-key')
    .toStream()
    .to('write-counts', { topic: 'counts', key: stringSerde, value: numberSerde });

  const rssMb: number[] = [];
  const sampleEvery = Math.max(1, Math.floor(events / RSS_SAMPLES));
  function* records() {
    for (let i = 0; i < events; i++) {
      yield { key: `user-${(i % keys).toString(36).padStart(5, '0')}`, value: i, timestampMs: i };
    }
  }
  let counts = 0;
  const startedAtMs = performance.now();
  const startedCpu = process.cpuUsage();
  const run = await runLocal(topology, {
    inputs: { 'read-events': { records: records() } },
    partitions,
    checkpointEveryRecords,
    progressEvery: sampleEvery,
    onProgress: () => {
      rssMb.push(round(currentRssMb(), 0));
    },
    onOutput: () => {
      counts++;
    },
  });
  printResult(
    result('state-scale-local', run.recordsRead, seconds(startedAtMs), {
      cpuSeconds: cpuSeconds(startedCpu),
      keys,
      partitions,
      checkpointEveryRecords,
      counts,
      rssMbOverRun: rssMb.join(' '),
    }),
  );
}

main().catch((error: unknown) => {
  console.error('state-scale bench failed:', error);
  process.exitCode = 1;
});
