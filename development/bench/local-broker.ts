import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './bench-result';
import { readCpuSeconds } from './process-sampler';

const RUN_DIR =
  process.env['LOCAL_SERVICES_RUN_DIR'] ?? fileURLToPath(new URL('../../tools/local-services/.run', import.meta.url));

/**
 * The CPU time the broker has used so far, in seconds, when it is the one `tools/local-services`
 * started and `KAFKA_BROKERS` points at it (same port); `undefined` for any other broker. The
 * broker shares the machine's cores with the worker, so its CPU per event bounds the worker too.
 */
export async function localBrokerCpuSeconds(): Promise<number | undefined> {
  try {
    const [pid, port] = await Promise.all(
      ['kafka.pid', 'kafka.port'].map(async (name) => (await readFile(join(RUN_DIR, name), 'utf8')).trim()),
    );
    const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');
    if (!brokers.some((broker) => broker.trim().endsWith(`:${port}`))) return undefined;
    return await readCpuSeconds(Number(pid));
  } catch {
    return undefined; // not started here, or stopped since
  }
}

/** `{ brokerCpuSeconds }` between two readings, or nothing when either is unknown. */
export function brokerCpuFigures(before: number | undefined, after: number | undefined): Record<string, number> {
  return before === undefined || after === undefined ? {} : { brokerCpuSeconds: round(after - before) };
}
