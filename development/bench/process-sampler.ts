import { readFile } from 'node:fs/promises';
import { round } from './bench-result';

/** How often a child's memory and CPU time are read. */
const SAMPLE_EVERY_MS = 100;
const KB_PER_MB = 1024;
/** Linux reports CPU time in clock ticks of 1/100 s (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;
/** `utime` and `stime` are fields 14 and 15 of `/proc/<pid>/stat`, the 12th and 13th after `comm`. */
const UTIME_AFTER_COMM = 11;

/** Another process's peak resident memory and CPU time, as far as they have been read. */
export interface ProcessSampler {
  /** Its peak so far (the last read before `stop()`), in MB. */
  peakMb(): number;
  /** User + system CPU time of all its threads so far (the last read, at most 100 ms old), in seconds. */
  cpuSeconds(): number;
  stop(): void;
}

/**
 * Reads `VmHWM` (the kernel's high-water mark of resident memory, so no peak falls between two
 * reads) from `/proc/<pid>/status`, and the CPU time from `/proc/<pid>/stat`, until `stop()`. A
 * bench's own `peakRssMb` is its own process's; this is the worker it drives. CPU time per event
 * is steadier than events/s on a shared machine: it does not count the time a worker waits.
 */
export function sampleProcess(pid: number): ProcessSampler {
  let peakKb = 0;
  let cpuTicks = 0;
  const timer = setInterval(() => {
    readFile(`/proc/${pid}/status`, 'utf8')
      .then((status) => {
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      })
      .catch(() => undefined); // the process may just have exited
    readCpuTicks(pid)
      .then((ticks) => {
        if (Number.isFinite(ticks)) cpuTicks = Math.max(cpuTicks, ticks);
      })
      .catch(() => undefined);
  }, SAMPLE_EVERY_MS);
  return {
    peakMb: () => round(peakKb / KB_PER_MB),
    cpuSeconds: () => round(cpuTicks / CLOCK_TICKS_PER_SECOND),
    stop: () => clearInterval(timer),
  };
}

/** User + system CPU time of all a process's threads so far, in seconds (rejects if it is gone). */
export async function readCpuSeconds(pid: number): Promise<number> {
  return round((await readCpuTicks(pid)) / CLOCK_TICKS_PER_SECOND);
}

async function readCpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // `comm` (in parentheses) may hold spaces: count the fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[UTIME_AFTER_COMM]) + Number(fields[UTIME_AFTER_COMM + 1]);
}
