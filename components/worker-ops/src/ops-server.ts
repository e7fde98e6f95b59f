import type { Logger } from '@fp/log';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkerOpsError } from './errors';
import { createMetricsRegistry, type WorkerMetrics } from './worker-metrics';

export interface OpsServerOptions {
  /** TCP port; `0` picks a free one (tests), read it back from `OpsServer.port`. */
  readonly port: number;
  /** Default all interfaces, so an orchestrator's probes reach it. */
  readonly host?: string;
  /** `/readyz` answers 200 while this is true, else 503. */
  readonly isReady: () => boolean;
  readonly metrics: () => WorkerMetrics;
  readonly log: Logger;
  /** Processing-time clock for the watermark lag. */
  readonly now: () => number;
  /** Labels on every series, e.g. `{ pipeline: 'card-features' }`. */
  readonly defaultLabels?: Readonly<Record<string, string>>;
}

/** A listening ops server. */
export interface OpsServer {
  /** The port it listens on (the chosen one when `port` was 0). */
  readonly port: number;
  /** Stops listening and closes idle keep-alive connections. */
  close(): Promise<void>;
}

const HIGHEST_PORT = 65_535;

/**
 * Serves what an orchestrator and Prometheus ask a worker: `/healthz` (200 while the process
 * serves HTTP at all: liveness), `/readyz` (200 once the runtime is processing, 503 before:
 * readiness) and `/metrics` (Prometheus text, read from `metrics()` at scrape time). Anything else
 * is 404; only GET and HEAD are answered.
 *
 * @throws WorkerOpsError `WORKER_OPS_INVALID_OPTIONS` for a bad port, `WORKER_OPS_LISTEN_FAILED`
 *         when the port cannot be bound (in use, no permission)
 */
export async function createOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > HIGHEST_PORT) {
    throw new WorkerOpsError(
      'WORKER_OPS_INVALID_OPTIONS',
      `createOpsServer: port must be an integer in [0, ${HIGHEST_PORT}] (0 picks a free port), got ${String(options.port)}`,
    );
  }
  const registry = createMetricsRegistry(options);
  const routes: Record<string, () => Promise<{ status: number; contentType: string; body: string }>> = {
    '/healthz': async () => ({ status: 200, contentType: 'text/plain', body: 'ok\n' }),
    '/readyz': async () =>
      options.isReady()
        ? { status: 200, contentType: 'text/plain', body: 'ready\n' }
        : { status: 503, contentType: 'text/plain', body: 'not ready\n' },
    '/metrics': async () => ({ status: 200, contentType: registry.contentType, body: await registry.metrics() }),
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://ops').pathname;
    const route = routes[path];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    route().then(
      ({ status, contentType, body }) => {
        response.writeHead(status, { 'content-type': contentType });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        options.log.error({ err: error, path }, 'ops endpoint failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new WorkerOpsError(
          'WORKER_OPS_LISTEN_FAILED',
          `ops server cannot listen on port ${options.port}: ${error.message}`,
          {
            cause: error,
          },
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  options.log.info({ port }, 'ops server listening (/healthz, /readyz, /metrics)');

  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
      }),
  };
}
