/**
 * The load generator of feature-server-bench.ts, run in a process of its own so its CPU time and
 * event loop are not the server's: an open-loop generator at a fixed rate against the lookup API,
 * random entities among `--entities` (keys 1..N), one JSON line of what it measured.
 *
 *   --url=http://127.0.0.1:8080 --view=card_transactions_10m_agg --entities=1000000
 *   --mode=single|batch --rate=5000 (requests/s) --seconds=30 --connections=20 --batch-size=1000
 *
 * Open loop: request i is due at `i / rate` seconds, whether or not earlier ones have answered,
 * and is handed to a keep-alive pool (undici) in the timer tick it falls due in. Its latency runs
 * from that hand-off to the end of the answer, so a server that falls behind shows as requests
 * queued in the pool (the coordinated omission of closed-loop tools, which send less when the
 * server stalls, cannot hide it); how late the generator's own timer handed requests over (Node's
 * timers tick about once a millisecond) is reported apart, as `schedulingLagMs`. The first
 * `--warmup-seconds` (default 5) run at the same rate and are not counted, as wrk2 calibrates:
 * a fresh process and fresh connections are slow for a moment, which says nothing of the server.
 */
import { Pool } from 'undici';
import { numberArg, stringArg } from './bench-result';
import { nearestRank, percentiles } from './percentiles';

const url = stringArg('url', 'http://127.0.0.1:8080');
const view = stringArg('view', 'card_transactions_10m_agg');
const entities = numberArg('entities', 1_000_000);
const mode = stringArg('mode', 'single');
const rate = numberArg('rate', 5_000);
const seconds = numberArg('seconds', 30);
const connections = numberArg('connections', 20);
const batchSize = numberArg('batch-size', 1_000);
const warmupSeconds = numberArg('warmup-seconds', 5);
/** Requests still unanswered this long after the run's end count as timeouts. */
const DRAIN_MS = 10_000;

const randomKey = (): number => 1 + Math.floor(Math.random() * entities);

/** One request's outcome: its latency from its hand-off and how late that was, or why it failed. */
type Outcome =
  { readonly latencyMs: number; readonly lagMs: number; readonly status: number } | { readonly error: unknown };

async function send(pool: Pool): Promise<number> {
  const { statusCode, body } =
    mode === 'batch'
      ? await pool.request({
          method: 'POST',
          path: `/views/${view}/lookup`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ keys: Array.from({ length: batchSize }, () => String(randomKey())) }),
        })
      : await pool.request({ method: 'GET', path: `/views/${view}/entities/${randomKey()}` });
  await body.dump();
  return statusCode;
}

function timed(pool: Pool, dueMs: number): Promise<Outcome> {
  const sentMs = performance.now();
  return send(pool).then(
    (status) => ({ latencyMs: performance.now() - sentMs, lagMs: sentMs - dueMs, status }),
    (error: unknown) => ({ error }),
  );
}

/** Sends every request as it falls due for `runSeconds`, then waits for the answers. */
async function run(
  pool: Pool,
  runSeconds: number,
): Promise<{ outcomes: Outcome[]; seconds: number; timeouts: number }> {
  const total = Math.round(rate * runSeconds);
  const pending: Promise<Outcome>[] = [];
  const startMs = performance.now();
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const dueCount = Math.min(total, Math.floor(((performance.now() - startMs) * rate) / 1_000) + 1);
      while (pending.length < dueCount) pending.push(timed(pool, startMs + (pending.length * 1_000) / rate));
      if (pending.length < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  let timeouts = 0;
  const drained = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), DRAIN_MS).unref());
  const outcomes: Outcome[] = [];
  for (const outcome of pending) {
    const settled = await Promise.race([outcome, drained]);
    if (settled === 'timeout') timeouts += 1;
    else outcomes.push(settled);
  }
  return { outcomes, seconds: (performance.now() - startMs) / 1_000, timeouts };
}

const pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
try {
  if (warmupSeconds > 0) await run(pool, warmupSeconds);
  const { outcomes, seconds: elapsed, timeouts } = await run(pool, seconds);
  const answered = outcomes.flatMap((outcome) => ('latencyMs' in outcome ? [outcome] : []));
  const latencies = answered.map(({ latencyMs }) => latencyMs);
  const latencyMs = percentiles(latencies);
  const p99_9 = nearestRank(Float64Array.from(latencies).sort(), 99.9);
  const mean = latencies.reduce((sum, latency) => sum + latency, 0) / latencies.length;
  const lag = percentiles(answered.map(({ lagMs }) => lagMs));
  console.log(
    JSON.stringify({
      requests: outcomes.length + timeouts,
      seconds: Math.round(elapsed * 100) / 100,
      requestsPerSec: Math.round(answered.length / elapsed),
      non2xx: answered.filter(({ status }) => status < 200 || status >= 300).length,
      errors: outcomes.length - answered.length,
      timeouts,
      latencyMs: { ...roundAll(latencyMs), p99_9: round3(p99_9), mean: round3(mean) },
      schedulingLagMs: roundAll(lag),
    }),
  );
} finally {
  await pool.destroy();
}

function round3(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}

function roundAll<T extends object>(figures: T): T {
  return Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, round3(value as number)])) as T;
}
