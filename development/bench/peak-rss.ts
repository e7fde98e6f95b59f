import { readFile } from 'node:fs/promises';
import { round } from './bench-result';

/** How often a child's resident-memory high-water mark is read. */
const SAMPLE_EVERY_MS = 100;
const KB_PER_MB = 1024;

/** The peak resident memory of another process, as far as it has been read. */
export interface PeakRssSampler {
  /** Its peak so far (the last read before `stop()`), in MB. */
  peakMb(): number;
  stop(): void;
}

/**
 * Reads `VmHWM` (the kernel's high-water mark of resident memory, so no peak falls between two
 * reads) from `/proc/<pid>/status` until `stop()`. A bench's own `peakRssMb` is its own process's;
 * this is the worker it drives.
 */
export function samplePeakRss(pid: number): PeakRssSampler {
  let peakKb = 0;
  const timer = setInterval(() => {
    readFile(`/proc/${pid}/status`, 'utf8')
      .then((status) => {
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      })
      .catch(() => undefined); // the process may just have exited
  }, SAMPLE_EVERY_MS);
  return { peakMb: () => round(peakKb / KB_PER_MB), stop: () => clearInterval(timer) };
}
