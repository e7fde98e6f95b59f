import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./test-fixtures/stream-threads-worker.ts', import.meta.url));

interface Event {
  readonly event: 'started' | 'stopped' | 'failed';
  readonly [field: string]: unknown;
}

/** Runs the fixture's main thread in its own process (threads need a script to run) and returns its events. */
async function runFixture(env: Record<string, string>): Promise<{ code: number | null; events: Event[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const events = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Event);
  return { code, events };
}

describe('startStreamThreads() + serveStreamThread()', () => {
  it('runs every thread, sums their figures and their summaries, and the process ends after the stop', async () => {
    const { code, events } = await runFixture({ STREAM_THREADS: '3' });
    expect(code).toBe(0);
    expect(events.map(({ event }) => event)).toEqual(['started', 'stopped']);
    // Thread n reports recordsIn 10 (n + 1), recordsOut n + 1, task 0_n, lag n on input[n], checkpoint 5 (n + 1) ms.
    expect(events[0]).toMatchObject({
      isReady: true,
      metrics: {
        recordsIn: 10 + 20 + 30,
        recordsOut: 1 + 2 + 3,
        assignedTasks: ['0_0', '0_1', '0_2'],
        consumerLag: { 'input[0]': 0, 'input[1]': 1, 'input[2]': 2 },
        watermarkMs: { '0_0': 0, '0_1': 1_000, '0_2': 2_000 },
        checkpoints: 6,
        lastCheckpointDurationMs: 15,
        stateBytes: 300,
      },
    });
    // Durations 100, 200, 300 ms: the run took as long as its longest thread.
    expect(events[1]?.['summary']).toEqual({
      mode: 'streaming',
      durationMs: 300,
      recordsIn: 60,
      recordsOut: 6,
      lateRecords: 0,
      skippedRecords: 0,
      deadLetteredRecords: 0,
    });
  }, 30_000);

  it('fails the start with the failing thread named, after stopping the threads that did start', async () => {
    const { code, events } = await runFixture({ STREAM_THREADS: '2', FAIL_THREAD: '1' });
    // Exiting at all shows thread 0 was stopped: its stand-in run keeps it alive until then.
    expect(code).toBe(0);
    expect(events).toEqual([{ event: 'failed', message: 'stream thread 1: thread 1 cannot reach the broker' }]);
  }, 30_000);

  it('fails the run when a thread fails to stop, and still stops the others', async () => {
    const { code, events } = await runFixture({ STREAM_THREADS: '2', STOP_FAILS_THREAD: '0' });
    expect(code).toBe(0);
    expect(events.map(({ event }) => event)).toEqual(['started', 'failed']);
    expect(events[1]?.['message']).toBe('stream thread 0: final checkpoint of thread 0 failed');
  }, 30_000);

  it('fails the run when a thread crashes (an uncaught error), and still stops the others', async () => {
    const { code, events } = await runFixture({ STREAM_THREADS: '2', CRASH_THREAD: '1' });
    expect(code).toBe(0);
    // The crash comes a second after start: the run starts, then fails instead of stopping.
    expect(events.map(({ event }) => event)).toEqual(['started', 'failed']);
    expect(events[1]?.['message']).toBe('stream thread 1 crashed: bug in thread 1');
  }, 30_000);
});
