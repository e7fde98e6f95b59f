/**
 * Throughput and memory of the LevelDB keyed store. Prints one JSON line per figure:
 *   npx tsx components/keyed-state/bench/state-bench.ts [keys=1000000]
 * Figures, not assertions: tests never assert timings.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLevelStore } from '../src/index';

/** A checkpoint per this many writes, as the runtime's commit interval would give under load. */
const COMMIT_EVERY_KEYS = 100_000;
/** Reads measured on a cold cache (cache size below the key count, random keys). */
const READ_SAMPLES = 200_000;
const BYTES_PER_MB = 1024 * 1024;

interface Totals {
  count: number;
  sum: number;
}

const keyCount = Number(process.argv[2] ?? 1_000_000);
let peakRss = process.memoryUsage().rss;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function report(bench: string, events: number, seconds: number, extra: Record<string, number> = {}): void {
  const line = { bench, events, seconds: round(seconds), eventsPerSec: Math.round(events / seconds), ...extra };
  // A bench script talks to a terminal; components' lint forbids console, so write the line directly.
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const directory = await mkdtemp(join(tmpdir(), 'keyed-state-bench-'));
try {
  const path = join(directory, 'store');
  const store = await openLevelStore<Totals>({ path, cacheEntries: 10_000 });
  let putSeconds = 0;
  let commitSeconds = 0;
  const started = performance.now();
  for (let i = 0; i < keyCount; i += 1) {
    const t0 = performance.now();
    store.put(`key-${i}`, { count: i % 7, sum: i });
    putSeconds += (performance.now() - t0) / 1000;
    if ((i + 1) % COMMIT_EVERY_KEYS === 0 || i + 1 === keyCount) {
      const t1 = performance.now();
      store.dirtyEntries();
      await store.commit({ 'input-0': String(i + 1) });
      commitSeconds += (performance.now() - t1) / 1000;
      sampleRss();
    }
  }
  const totalSeconds = (performance.now() - started) / 1000;
  report('keyed-state-1m-keys', keyCount, totalSeconds, {
    peakRssMb: Math.round(peakRss / BYTES_PER_MB),
    diskMb: round((await store.approximateSizeBytes()) / BYTES_PER_MB),
  });
  report('keyed-state-put', keyCount, putSeconds);
  report('keyed-state-snapshot+commit', keyCount, commitSeconds);
  await store.close();

  const reopened = await openLevelStore<Totals>({ path, cacheEntries: 10_000 });
  let checksum = 0;
  const t2 = performance.now();
  for (let n = 0; n < READ_SAMPLES; n += 1) {
    const i = (n * 7_919) % keyCount;
    checksum += reopened.get(`key-${i}`)?.sum ?? 0;
  }
  report('keyed-state-get-cold', READ_SAMPLES, (performance.now() - t2) / 1000, { checksum });
  const hotKeys = 1_000;
  const t3 = performance.now();
  for (let n = 0; n < READ_SAMPLES; n += 1) {
    checksum += reopened.get(`key-${n % hotKeys}`)?.sum ?? 0;
  }
  report('keyed-state-get-cached', READ_SAMPLES, (performance.now() - t3) / 1000, { checksum });
  const t4 = performance.now();
  for (let n = 0; n < READ_SAMPLES; n += 1) {
    checksum += reopened.get(`missing-${n}`)?.sum ?? 0;
  }
  report('keyed-state-get-missing', READ_SAMPLES, (performance.now() - t4) / 1000);
  sampleRss();
  report('keyed-state-peak-rss', keyCount, (performance.now() - started) / 1000, {
    peakRssMb: Math.round(peakRss / BYTES_PER_MB),
  });
  await reopened.close();
} finally {
  await rm(directory, { recursive: true, force: true });
}
