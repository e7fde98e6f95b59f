import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sampleProcess } from './process-sampler';
import { parsePrometheusText, type PrometheusSample } from './prometheus-text';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The project benched unless another is named: the card-features worker. */
const DEFAULT_PROJECT = 'card-features-pipeline';
const READY_POLL_EVERY_MS = 100;
const HTTP_OK = 200;

/** A project's bundled base (the card-features worker by default) running as a child process, as it is deployed (plain `node`). */
export interface BundledWorker {
  readonly pid: number;
  readonly httpPort: number;
  /** `performance.now()` when the process was spawned. */
  readonly spawnedAtMs: number;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** One scrape of `/metrics`. */
  scrape(): Promise<PrometheusSample[]>;
  /** Resolves once `/readyz` answers 200 (first assignment restored); rejects if the process exits first or after `timeoutMs`. */
  waitUntilReady(timeoutMs: number): Promise<void>;
  /** VmHWM of the worker as last read, in MB. */
  peakRssMb(): number;
  /** CPU time (user + system, all threads) of the worker as last read, in seconds. */
  cpuSeconds(): number;
  /** SIGTERM (graceful stop with a final checkpoint), then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Builds `dist/projects/<project>/main.cjs` afresh, so the bench measures the code as it is. */
export function bundleWorker(project = DEFAULT_PROJECT): void {
  execSync(`npx nx run ${project}:bundle --skip-nx-cache`, { cwd: ROOT, stdio: 'ignore' });
}

/**
 * Spawns the project's bundle with its environment variables (the project's README) on a free
 * `HTTP_PORT`. Its stdout (JSON log lines) goes to `onLogLine`, or nowhere; stderr is inherited so
 * a failure shows.
 */
export async function startBundledWorker(
  env: Readonly<Record<string, string>>,
  onLogLine?: (line: string) => void,
  project = DEFAULT_PROJECT,
): Promise<BundledWorker> {
  const httpPort = await freePort();
  const spawnedAtMs = performance.now();
  // BENCH_WORKER_CPU_PROF=<dir>: the worker writes a V8 CPU profile there (see summarize-profile.ts).
  // BENCH_WORKER_HEAP_PROF=<dir>: a V8 sampling heap profile, by allocation site, of the memory still held at exit.
  const profileDir = process.env['BENCH_WORKER_CPU_PROF'];
  const heapProfileDir = process.env['BENCH_WORKER_HEAP_PROF'];
  const nodeArgs = [
    ...entrypointNodeFlags(join(ROOT, 'projects', project, 'Dockerfile')),
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(heapProfileDir ? ['--heap-prof', `--heap-prof-dir=${heapProfileDir}`, '--heap-prof-interval=65536'] : []),
  ];
  const child: ChildProcess = spawn('node', [...nodeArgs, join(ROOT, 'dist/projects', project, 'main.cjs')], {
    cwd: ROOT,
    stdio: ['ignore', onLogLine ? 'pipe' : 'ignore', 'inherit'],
    env: { ...process.env, ...env, HTTP_PORT: String(httpPort) },
  });
  if (onLogLine && child.stdout) createInterface({ input: child.stdout }).on('line', onLogLine);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the bundled worker could not be spawned');
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const sampler = sampleProcess(pid);
  void exited.then(sampler.stop);

  const get = (path: string): Promise<Response> => fetch(`http://127.0.0.1:${httpPort}${path}`);
  return {
    pid,
    httpPort,
    spawnedAtMs,
    exited,
    scrape: async () => parsePrometheusText(await (await get('/metrics')).text()),
    async waitUntilReady(timeoutMs) {
      const deadlineMs = performance.now() + timeoutMs;
      while (performance.now() < deadlineMs) {
        if (exitCode !== undefined)
          throw new Error(`the bundled worker exited with ${String(exitCode)} before it was ready`);
        const isReady = await get('/readyz').then(
          (response) => response.status === HTTP_OK,
          () => false, // not listening yet
        );
        if (isReady) return;
        await delay(READY_POLL_EVERY_MS);
      }
      throw new Error(`the bundled worker was not ready within ${timeoutMs} ms`);
    },
    peakRssMb: sampler.peakMb,
    cpuSeconds: sampler.cpuSeconds,
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * The node flags of the image's `ENTRYPOINT ["node", ...flags, "main.cjs"]`, so the bench runs the
 * bundle as the container does (heap settings included).
 */
function entrypointNodeFlags(dockerfile: string): string[] {
  const line = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(readFileSync(dockerfile, 'utf8'))?.[1];
  const command = line === undefined ? undefined : (JSON.parse(line) as unknown);
  if (!Array.isArray(command) || command[0] !== 'node' || command.at(-1) !== 'main.cjs') {
    throw new Error(`${dockerfile}: expected ENTRYPOINT ["node", ...flags, "main.cjs"]`);
  }
  return command.slice(1, -1) as string[];
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nobody listens on right now; the worker binds it a moment later (a race a bench can live with). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
