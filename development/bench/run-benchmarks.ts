/**
 * Runs the benchmarks, each in its own Node process (so each peak RSS is its own), echoes their
 * JSON lines and ends with a readable summary. With KAFKA_BROKERS and SCHEMA_REGISTRY_URL set
 * (`eval "$(bash tools/local-services/services.sh env)"`) the ones through Kafka run too: end to
 * end (bounded; streaming catch-up and latency at 50,000 events/s, each with 1 and 2 stream threads;
 * about 20 minutes at full size) and
 * recovery after kill -9, and the online feature store (1M entities materialised by the bundled
 * feature server, then single lookups at 5,000/s and 1,000-key batch lookups, from an open-loop load generator in a
 * process of its own).
 *
 *   npm run bench                 full size: 5M transactions, 2M flights, 10M keys; 2M through Kafka, 1M keys recovered
 *   npm run bench -- --quick      a tenth of that, for a smoke run
 *   npm run bench -- --only=card  benches whose name contains "card"
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench-result';
import { stringArg } from './bench-result';

interface BenchRun {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
}

const QUICK_DIVISOR = 10;
const quick = process.argv.includes('--quick');
const scaled = (events: number): string => String(quick ? events / QUICK_DIVISOR : events);

const runs: readonly BenchRun[] = [
  {
    name: 'card-features-in-memory-map',
    script: 'card-features-bench.ts',
    args: ['--variant=in-memory', '--store=map', `--events=${scaled(5_000_000)}`],
  },
  {
    // One partition: one task per sub-topology, so what spreading records over six tasks costs shows.
    name: 'card-features-in-memory-map-1-partition',
    script: 'card-features-bench.ts',
    args: ['--variant=in-memory', '--store=map', '--partitions=1', `--events=${scaled(5_000_000)}`],
  },
  {
    name: 'card-features-in-memory-memory',
    script: 'card-features-bench.ts',
    args: ['--variant=in-memory', '--store=memory', `--events=${scaled(5_000_000)}`],
  },
  {
    // Each stage of the same pipeline alone (decode, window add, firing, output), in ns per event.
    name: 'card-features-stage-costs',
    script: 'stage-costs-bench.ts',
    args: [`--events=${scaled(5_000_000)}`],
  },
  {
    name: 'card-features-local',
    script: 'card-features-bench.ts',
    args: ['--variant=local', `--events=${scaled(5_000_000)}`],
  },
  { name: 'usage-statistics-local', script: 'usage-statistics-bench.ts', args: [`--events=${scaled(2_000_000)}`] },
  { name: 'state-scale-local', script: 'state-scale-bench.ts', args: [`--keys=${scaled(10_000_000)}`] },
  {
    // A point-in-time join through DuckDB: 1M labels against 10M feature rows (target: under 30 s).
    name: 'training-set',
    script: 'training-set-bench.ts',
    args: [`--labels=${scaled(1_000_000)}`, `--rows=${scaled(10_000_000)}`],
  },
];

const hasKafka = Boolean(process.env['KAFKA_BROKERS'] && process.env['SCHEMA_REGISTRY_URL']);
const kafkaRuns: readonly BenchRun[] = [
  {
    name: 'kafka-e2e-card-features',
    script: 'kafka-e2e-bench.ts',
    // Latency at full size over 180 s: four window firings (one a minute) rather than two.
    args: [`--events=${scaled(2_000_000)}`, ...(quick ? ['--seconds=20', '--rate=10000'] : ['--seconds=180'])],
  },
  { name: 'kafka-recovery', script: 'recovery-bench.ts', args: [`--keys=${scaled(1_000_000)}`] },
  {
    // The online store: 1M entities materialised, then single lookups at 5,000/s and 1,000-key batches.
    name: 'feature-server',
    script: 'feature-server-bench.ts',
    args: [`--entities=${scaled(1_000_000)}`, ...(quick ? ['--seconds=10'] : ['--seconds=30'])],
  },
];

function runOne(run: BenchRun): Promise<BenchResult[]> {
  const script = fileURLToPath(new URL(run.script, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...run.args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const results: BenchResult[] = [];
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        console.log(line);
        if (line.startsWith('{')) results.push(JSON.parse(line) as BenchResult);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(results);
      else reject(new Error(`${run.name} exited with ${String(code)}`));
    });
  });
}

async function main(): Promise<void> {
  const only = stringArg('only', '');
  const results: BenchResult[] = [];
  if (!hasKafka) {
    console.log('KAFKA_BROKERS / SCHEMA_REGISTRY_URL not set: skipping the benchmarks through Kafka');
  }
  const selected = [...runs, ...(hasKafka ? kafkaRuns : [])].filter((candidate) => candidate.name.includes(only));
  for (const run of selected) {
    results.push(...(await runOne(run)));
  }
  console.log('\nsummary');
  console.log(
    results
      .map(
        (bench) =>
          // Through Kafka the worker's own peak RSS is the figure (the bench process only drives it).
          `  ${bench.bench.padEnd(32)} ${bench.events.toLocaleString('en').padStart(11)} events ` +
          `${bench.seconds.toFixed(1).padStart(7)} s ${bench.eventsPerSec.toLocaleString('en').padStart(10)} events/s ` +
          // Through Kafka, the worker's CPU time counts (the bench process's is not in the way).
          `${cpuFigure(bench['eventsPerWorkerCpuSec'] ?? bench['eventsPerCpuSec'])} events/CPU-s ` +
          `peak RSS ${Number(bench['workerPeakRssMb'] ?? bench.peakRssMb)
            .toFixed(0)
            .padStart(5)} MB ` +
          (bench['partitions'] === undefined ? '' : `(${String(bench['partitions'])} partitions)`) +
          (bench['latencyP99Ms'] === undefined ? '' : ` p99 latency ${String(bench['latencyP99Ms'])} ms`),
      )
      .join('\n'),
  );
}

/** Events per CPU second, right-aligned; a dash where the result has none (latency, recovery). */
function cpuFigure(value: unknown): string {
  return (typeof value === 'number' ? value.toLocaleString('en') : '-').padStart(10);
}

main().catch((error: unknown) => {
  console.error('benchmarks failed:', error);
  process.exitCode = 1;
});
