import { createSilentLogger } from '@fp/log';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerOpsError } from './errors';
import { createOpsServer, type OpsServer, type OpsServerOptions } from './ops-server';
import { EMPTY_WORKER_METRICS, type WorkerMetrics } from './worker-metrics';

const NOW_MS = 1_700_000_100_000;
let server: OpsServer | undefined;

async function start(overrides: Partial<OpsServerOptions> = {}): Promise<OpsServer> {
  server = await createOpsServer({
    port: 0,
    host: '127.0.0.1',
    isReady: () => true,
    metrics: () => EMPTY_WORKER_METRICS,
    log: createSilentLogger(),
    now: () => NOW_MS,
    ...overrides,
  });
  return server;
}

async function get(path: string, method = 'GET'): Promise<{ status: number; body: string; type: string | null }> {
  const response = await fetch(`http://127.0.0.1:${server?.port ?? 0}${path}`, { method });
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createOpsServer()', () => {
  it('answers /healthz with 200 whether or not the runtime is ready', async () => {
    await start({ isReady: () => false });
    expect(await get('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
  });

  it('answers /readyz with 503 before the runtime is ready and 200 once it is', async () => {
    let isReady = false;
    await start({ isReady: () => isReady });
    expect((await get('/readyz')).status).toBe(503);
    isReady = true;
    expect((await get('/readyz')).status).toBe(200);
  });

  it('serves the runtime figures read at scrape time as Prometheus text', async () => {
    let metrics: WorkerMetrics = EMPTY_WORKER_METRICS;
    await start({ metrics: () => metrics, defaultLabels: { application: 'cards' } });
    metrics = {
      ...EMPTY_WORKER_METRICS,
      recordsIn: 120,
      recordsOut: 40,
      lateRecords: 3,
      deadLetteredRecords: 2,
      consumerLag: { 'credit_card_transactions[4]': 17 },
      // -Infinity: a task that has seen nothing has no watermark series at all.
      watermarkMs: { '0_1': NOW_MS - 65_000, '0_2': Number.NEGATIVE_INFINITY },
      checkpoints: 5,
      lastCheckpointDurationMs: 12,
      dirtyStateEntries: 9,
      stateBytes: 4096,
      assignedTasks: ['0_1', '0_2'],
    };
    const { status, body, type } = await get('/metrics');
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = body.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'fp_records_in_total{application="cards"} 120',
        'fp_records_out_total{application="cards"} 40',
        'fp_late_records_total{application="cards"} 3',
        'fp_dead_lettered_records_total{application="cards"} 2',
        'fp_consumer_lag_records{topic="credit_card_transactions",partition="4",application="cards"} 17',
        `fp_watermark_ms{task="0_1",application="cards"} ${NOW_MS - 65_000}`,
        'fp_watermark_lag_ms{task="0_1",application="cards"} 65000',
        'fp_checkpoints_total{application="cards"} 5',
        'fp_checkpoint_duration_ms{application="cards"} 12',
        'fp_state_dirty_entries{application="cards"} 9',
        'fp_state_bytes{application="cards"} 4096',
        'fp_assigned_tasks{application="cards"} 2',
        'fp_ready{application="cards"} 1',
      ]),
    );
    expect(body).not.toContain('task="0_2"');
    expect(body).toContain('fp_process_cpu_seconds_total');
  });

  it('reports counters as the latest snapshot, not a sum over scrapes', async () => {
    let recordsIn = 10;
    await start({ metrics: () => ({ ...EMPTY_WORKER_METRICS, recordsIn }) });
    await get('/metrics');
    recordsIn = 25;
    expect((await get('/metrics')).body).toContain('fp_records_in_total 25\n');
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    await start();
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/healthz', 'POST')).status).toBe(405);
  });

  it('answers 500 when reading the metrics fails, and keeps serving', async () => {
    await start({
      metrics: () => {
        throw new Error('runtime gone');
      },
    });
    expect((await get('/metrics')).status).toBe(500);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('stops listening on close()', async () => {
    const { port } = await start();
    await server?.close();
    server = undefined;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('rejects a port outside [0, 65535] with WORKER_OPS_INVALID_OPTIONS', async () => {
    await expect(start({ port: 70_000 })).rejects.toMatchObject({ code: 'WORKER_OPS_INVALID_OPTIONS' });
  });

  it('fails with WORKER_OPS_LISTEN_FAILED when the port is taken', async () => {
    const first = await start();
    const second = createOpsServer({
      port: first.port,
      host: '127.0.0.1',
      isReady: () => true,
      metrics: () => EMPTY_WORKER_METRICS,
      log: createSilentLogger(),
      now: () => NOW_MS,
    });
    await expect(second).rejects.toBeInstanceOf(WorkerOpsError);
    await expect(second).rejects.toMatchObject({ code: 'WORKER_OPS_LISTEN_FAILED' });
  });
});
