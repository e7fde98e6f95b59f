import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: bundles are built and started from there. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where a project's bundle command writes its entry point, relative to the root. */
export const bundleEntry = (project: string): string => join('dist', 'projects', project, 'main.cjs');

/** The project's own bundle command, so a test exercises exactly what the image ships. */
export function bundleCommand(project: string): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'projects', project, 'project.json'), 'utf8')) as {
    targets: { bundle: { options: { command: string } } };
  };
  return config.targets.bundle.options.command;
}

/** Runs the project's bundle command (esbuild from node_modules/.bin). */
export function buildBundle(project: string): void {
  execSync(bundleCommand(project), {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` },
  });
}

export interface NodeExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface NodeRun {
  readonly child: ChildProcess;
  stdout(): string;
  readonly exited: Promise<NodeExit>;
}

export function startNode(file: string, env: Record<string, string>): NodeRun {
  // Only PATH and HOME from the test's environment: the bundle must not depend on anything else.
  const child = spawn('node', [file], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, stdout: () => stdout, exited };
}

export const runNode = (file: string, env: Record<string, string>): Promise<NodeExit> => startNode(file, env).exited;

export interface LogLine {
  readonly level?: string;
  readonly msg: string;
  readonly port?: number;
  readonly summary?: unknown;
}

/** The JSON log lines (pino) of a worker's stdout. */
export const logLines = (stdout: string): LogLine[] =>
  stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
