import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The fields of `metrics()` the tests read. */
export interface ChildMetrics {
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly checkpoints: number;
  readonly batchesDuringCheckpoints: number;
}

export interface ChildWorker {
  readonly process: ChildProcess;
  /** The last metrics line the worker printed. */
  latestMetrics(): ChildMetrics | undefined;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `test/support/page-counts-worker.ts` in a new Node process and resolves once it is ready. */
export function startPageCountsWorker(env: Record<string, string>, readyTimeoutMs = 60_000): Promise<ChildWorker> {
  return startChildWorker('./page-counts-worker.ts', env, readyTimeoutMs);
}

/** Starts `test/support/card-features-child.ts` in a new Node process and resolves once it is ready. */
export function startCardFeaturesChild(env: Record<string, string>, readyTimeoutMs = 60_000): Promise<ChildWorker> {
  return startChildWorker('./card-features-child.ts', env, readyTimeoutMs);
}

/** Starts a worker script of this directory in a new Node process and resolves once it printed `ready`. */
async function startChildWorker(
  relativeScript: string,
  env: Record<string, string>,
  readyTimeoutMs: number,
): Promise<ChildWorker> {
  const script = fileURLToPath(new URL(relativeScript, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let latest: ChildMetrics | undefined;
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker not ready after ${readyTimeoutMs} ms: ${stderr}`)),
      readyTimeoutMs,
    );
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (line.startsWith('{')) {
          latest = JSON.parse(line) as ChildMetrics;
        }
      }
    });
    void exited.then((code) => reject(new Error(`worker exited with ${String(code)} before ready: ${stderr}`)));
  });
  return { process: child, latestMetrics: () => latest, exited };
}
