/** What every benchmark prints: one JSON line per result, so runs can be compared by a script. */
export interface BenchResult {
  readonly bench: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSec: number;
  /** Peak resident set size of the whole process so far (each bench runs in its own process). */
  readonly peakRssMb: number;
  readonly [extra: string]: string | number | boolean;
}

const BYTES_PER_MB = 1024 * 1024;
const KB_PER_MB = 1024;

/** Linux reports `maxRSS` in kilobytes: the high-water mark of the process, not a sample. */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / KB_PER_MB);
}

export function currentRssMb(): number {
  return round(process.memoryUsage.rss() / BYTES_PER_MB);
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function result(
  bench: string,
  events: number,
  seconds: number,
  extra: Readonly<Record<string, string | number | boolean>> = {},
): BenchResult {
  const cpu = typeof extra['cpuSeconds'] === 'number' ? extra['cpuSeconds'] : undefined;
  return {
    bench,
    events,
    seconds: round(seconds, 2),
    eventsPerSec: Math.round(events / seconds),
    peakRssMb: peakRssMb(),
    ...(cpu === undefined ? {} : { eventsPerCpuSec: Math.round(events / cpu) }),
    /** At the end, to tell retained JS objects from other memory (native, LevelDB, unreturned pages). */
    heapUsedMbAtEnd: round(process.memoryUsage().heapUsed / BYTES_PER_MB),
    ...extra,
  };
}

export function printResult(bench: BenchResult): void {
  console.log(JSON.stringify(bench));
}

/** `--name=value` arguments of a bench script, as numbers. */
export function numberArg(name: string, fallback: number): number {
  const prefix = `--${name}=`;
  const raw = process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
  return value;
}

export function stringArg(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

export function seconds(fromMs: number): number {
  return (performance.now() - fromMs) / 1000;
}

const MICROS_PER_SECOND = 1e6;

/**
 * CPU seconds (user + system) of this process since `from`: on a shared machine wall time
 * depends on the neighbours, CPU time much less, so results carry both.
 */
export function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return round((used.user + used.system) / MICROS_PER_SECOND, 2);
}
