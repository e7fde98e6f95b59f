import type { Logger } from '@fp/log';
import type { OnlineStore, ViewStore } from '@fp/online-store';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { batchAnswerJson, singleAnswerJson } from './lookup-answer';
import { createLookupMetrics, type ViewPartitionLag } from './lookup-metrics';

/** The most keys one batch lookup may ask for. */
export const MAX_LOOKUP_KEYS = 1_000;
/** Entity keys are short texts (a number, an email, a JSON array for a composite key). */
export const MAX_KEY_LENGTH = 1_024;

export interface LookupApiOptions {
  readonly store: OnlineStore;
  /** `/readyz` answers 200 while this is true (the replica caught up with the end offsets seen at start). */
  readonly isReady: () => boolean;
  /** Per view and partition, records not yet materialised (for `/readyz` and `/metrics`). */
  readonly lag: () => readonly ViewPartitionLag[];
  /** Processing-time clock for freshness. */
  readonly now: () => number;
  readonly log: Logger;
}

/** An error answer, in Fastify's own shape, so every 4xx reads alike. */
interface ErrorAnswer {
  readonly statusCode: number;
  readonly code: string;
  readonly error: string;
  readonly message: string;
}

const lookupBodySchema = {
  type: 'object',
  required: ['keys'],
  additionalProperties: false,
  properties: {
    keys: {
      type: 'array',
      maxItems: MAX_LOOKUP_KEYS,
      // Numbers are accepted for numeric keys (cc_num) and looked up as their decimal text.
      items: { anyOf: [{ type: 'string', minLength: 1, maxLength: MAX_KEY_LENGTH }, { type: 'integer' }] },
    },
  },
} as const;

const viewParamsSchema = {
  type: 'object',
  required: ['view'],
  properties: { view: { type: 'string' } },
} as const;

const entityParamsSchema = {
  type: 'object',
  required: ['view', 'key'],
  properties: { view: { type: 'string' }, key: { type: 'string', minLength: 1, maxLength: MAX_KEY_LENGTH } },
} as const;

/**
 * The lookup API (not listening yet: `listen` it, or `inject` requests in tests):
 *
 * - `GET /views/:view/entities/:key`: the entity's latest row and its `as_of`; 404 `UNKNOWN_VIEW`
 *   or `UNKNOWN_ENTITY`;
 * - `POST /views/:view/lookup` `{ "keys": [...] }` (up to 1,000): rows in request order, `null`
 *   for unknown entities; one LevelDB round trip for the keys not in memory;
 * - `GET /views`: the views served;
 * - `/healthz`, `/readyz` (200 once caught up), `/metrics` (Prometheus).
 *
 * Malformed requests get 400 with what is wrong (Fastify's JSON-schema validation).
 */
export function createLookupApi(options: LookupApiOptions): FastifyInstance {
  const { store, now } = options;
  const metrics = createLookupMetrics({ store, lag: options.lag, now });
  const app = Fastify({
    // pino's Logger is Fastify's base logger; naming the base keeps the instance's type the default one.
    loggerInstance: options.log as FastifyBaseLogger,
    // One log line per request would cost more than the lookup itself.
    logController: new LogController({ disableRequestLogging: true }),
    // Validation is strict: a boolean or an object is not a key, and is rejected rather than coerced.
    ajv: { customOptions: { coerceTypes: false, allErrors: true } },
    // The router refuses longer path parameters before any handler runs (Fastify's default is 100).
    routerOptions: { maxParamLength: MAX_KEY_LENGTH },
  });

  const unknownView = (reply: FastifyReply, view: string) =>
    reply.code(404).send({
      statusCode: 404,
      code: 'UNKNOWN_VIEW',
      error: 'Not Found',
      message: `no view ${JSON.stringify(view)} here; views served: ${store.views.map(({ name }) => name).join(', ')}`,
    } satisfies ErrorAnswer);

  app.get<{ Params: { view: string; key: string } }>(
    '/views/:view/entities/:key',
    { schema: { params: entityParamsSchema } },
    async (request, reply) => {
      const { view: viewName, key } = request.params;
      const view = store.view(viewName);
      if (view === undefined) return unknownView(reply, viewName);
      const done = metrics.startLookup(view.name, 'single');
      const stored = view.get(key);
      if (stored === undefined) {
        done('not_found');
        return reply.code(404).send({
          statusCode: 404,
          code: 'UNKNOWN_ENTITY',
          error: 'Not Found',
          message: `view ${view.name} has no row for entity ${JSON.stringify(key)} (yet)`,
        } satisfies ErrorAnswer);
      }
      const body = singleAnswerJson(view.name, key, stored, now());
      done('found');
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.post<{ Params: { view: string }; Body: { keys: (string | number)[] } }>(
    '/views/:view/lookup',
    { schema: { params: viewParamsSchema, body: lookupBodySchema } },
    async (request, reply) => {
      const view = store.view(request.params.view);
      if (view === undefined) return unknownView(reply, request.params.view);
      const done = metrics.startLookup(view.name, 'batch');
      const keys = request.body.keys.map(String);
      const rows = await view.getMany(keys);
      const body = batchAnswerJson(view.name, keys, rows, now());
      done(rows.includes(undefined) ? 'partial' : 'found');
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get('/views', async () => ({ views: store.views.map(describeView) }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = options.isReady();
    const lagRecords = options.lag().reduce((sum, { lagRecords: lag }) => sum + lag, 0);
    return reply.code(ready ? 200 : 503).send({ ready, lag_records: lagRecords });
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  return app;
}

function describeView(view: ViewStore): { name: string; topic: string } {
  return { name: view.name, topic: view.topic };
}
