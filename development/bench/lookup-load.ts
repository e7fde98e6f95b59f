/**
 * The load generator of feature-server-bench.ts, run in a process of its own so its CPU time and
 * event loop are not the server's: autocannon at a fixed overall rate against the lookup API,
 * random entities among `--entities` (keys 1..N), one JSON line of what autocannon measured.
 *
 *   --url=http://127.0.0.1:8080 --view=card_transactions_10m_agg --entities=1000000
 *   --mode=single|batch --rate=5000 (requests/s) --seconds=30 --connections=20 --batch-size=1000
 *
 * Latencies are autocannon's: from when each request was due (coordinated omission corrected at a
 * fixed rate), kept in a histogram of whole milliseconds (a p99 of 1 means under 2 ms).
 */
import autocannon from 'autocannon';
import { numberArg, stringArg } from './bench-result';

const url = stringArg('url', 'http://127.0.0.1:8080');
const view = stringArg('view', 'card_transactions_10m_agg');
const entities = numberArg('entities', 1_000_000);
const mode = stringArg('mode', 'single');
const rate = numberArg('rate', 5_000);
const seconds = numberArg('seconds', 30);
const connections = numberArg('connections', 20);
const batchSize = numberArg('batch-size', 1_000);

const randomKey = (): number => 1 + Math.floor(Math.random() * entities);

const request: autocannon.Request =
  mode === 'batch'
    ? {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        path: `/views/${view}/lookup`,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ keys: Array.from({ length: batchSize }, () => String(randomKey())) }),
        }),
      }
    : { method: 'GET', setupRequest: (req) => ({ ...req, path: `/views/${view}/entities/${randomKey()}` }) };

const run = await autocannon({ url, connections, overallRate: rate, duration: seconds, requests: [request] });
console.log(
  JSON.stringify({
    requests: run.requests.total,
    seconds: run.duration,
    requestsPerSec: Math.round(run.requests.total / run.duration),
    non2xx: run.non2xx,
    errors: run.errors,
    timeouts: run.timeouts,
    latencyMs: {
      p50: run.latency.p50,
      p90: run.latency.p90,
      p99: run.latency.p99,
      p99_9: run.latency.p99_9,
      max: run.latency.max,
      mean: run.latency.mean,
    },
  }),
);
