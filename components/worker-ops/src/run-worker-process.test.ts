import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./test-fixtures/stuck-stop-worker.ts', import.meta.url));
const SLOW_START_FIXTURE = fileURLToPath(new URL('./test-fixtures/slow-start-worker.ts', import.meta.url));

describe('runWorkerProcess()', () => {
  it('exits 1 saying why when a graceful stop outlasts SHUTDOWN_TIMEOUT_MS', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, SHUTDOWN_TIMEOUT_MS: '300' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready\n') && !child.killed) child.kill('SIGTERM');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // A stuck child must not outlive a failing test.
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const code = await exited;
    expect(code).toBe(1);
    const lines = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; shutdownTimeoutMs?: number });
    expect(lines.map(({ msg }) => msg)).toEqual([
      'stopping',
      'graceful stop took too long: exiting without the final checkpoint',
    ]);
    expect(lines[1]?.shutdownTimeoutMs).toBe(300);
  }, 30_000);

  it('stops a worker signalled while it starts (joining its group, restoring state) once it has started: exit 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SLOW_START_FIXTURE], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Signalled mid-start; the start completes only once the signal was heard.
      if (stdout.includes('starting\n') && !child.killed) child.kill('SIGTERM');
      if (stdout.includes('"msg":"stopping once started') && child.stdin.writable) child.stdin.end('started\n');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    expect(await exited, stdout).toBe(0);
    const said = stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (line.startsWith('{') ? (JSON.parse(line) as { msg: string }).msg : line));
    expect(said).toEqual([
      'starting',
      'stopping once started (joining the group, restoring state)',
      'stopped',
      'streaming run finished',
    ]);
  }, 30_000);
});
