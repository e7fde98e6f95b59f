import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freeLocalPort } from './free-port';

const CARD_FEATURES_WORKER = fileURLToPath(new URL('../../bases/card-features-worker/src/main.ts', import.meta.url));

/** One JSON log line of a worker (pino, level as its label). */
export type WorkerLogLine = Readonly<Record<string, unknown>> & { readonly msg?: string; readonly level?: string };

/** The card-features worker base run as an operator runs it: its own process, configured by environment. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Its ops port (`HTTP_PORT`). */
  readonly httpPort: number;
  /** Everything it wrote, stdout and stderr, for a failing assertion's message. */
  output(): string;
  /** Its JSON log lines so far, in order. */
  readonly lines: readonly WorkerLogLine[];
  /** Called with each JSON log line as soon as it is read (e.g. to signal the worker at a precise moment). */
  onLine(listener: (line: WorkerLogLine) => void): void;
  /** A counter of its `/metrics`, 0 while it does not answer. */
  counter(name: string): Promise<number>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** SIGKILL unless it has exited. */
  kill(): void;
}

/** Starts `bases/card-features-worker/src/main.ts` (through tsx) with `env` added to this process's environment. */
export async function startCardFeaturesWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const httpPort = await freeLocalPort();
  const child = spawn(process.execPath, ['--import', 'tsx', CARD_FEATURES_WORKER], {
    env: { ...process.env, HTTP_PORT: String(httpPort), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let buffered = '';
  const lines: WorkerLogLine[] = [];
  const listeners: ((line: WorkerLogLine) => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    buffered += text;
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const raw of complete) {
      if (!raw.startsWith('{')) continue;
      const line = JSON.parse(raw) as WorkerLogLine;
      lines.push(line);
      for (const listener of listeners) listener(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    httpPort,
    output: () => output,
    lines,
    onLine: (listener) => listeners.push(listener),
    counter: (name) => workerCounter(httpPort, name),
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** A counter of a worker's `/metrics`, 0 while the worker does not answer. */
async function workerCounter(port: number, name: string): Promise<number> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text
      .split('\n')
      .find((candidate) => candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `));
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  } catch {
    return 0;
  }
}
