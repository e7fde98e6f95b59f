import { FeatureClientError } from './errors';

/** Which record a row is, and how old it is (epoch milliseconds). */
export interface AsOf {
  readonly partition: number;
  /** Kafka offset, as decimal text (offsets are 64-bit). */
  readonly offset: string;
  /** The record timestamp: the row's event time. */
  readonly eventTimeMs: number;
  /** From when the row may be used, in event time. */
  readonly availableAtMs: number;
  /** When the server's replica stored it. */
  readonly writtenAtMs: number;
  /** How old the event time was when the server answered. */
  readonly freshnessMs: number;
}

/** An entity's latest features. */
export interface OnlineFeatures<Row> {
  readonly key: string;
  readonly row: Row;
  readonly asOf: AsOf;
}

/** Row types by view name, e.g. `{ card_transactions_10m_agg: TransactionAgg }`. */
export type ViewRows = Record<string, unknown>;

export interface FeatureClientOptions {
  /** The feature server, e.g. `http://feature-server:8080`. */
  readonly baseUrl: string;
  /** Per request (default 2,000 ms): a slower answer is `FEATURE_CLIENT_UNAVAILABLE`. */
  readonly timeoutMs?: number;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** A typed client of the feature lookup API. */
export interface FeatureClient<Views extends ViewRows = ViewRows> {
  /** The entity's latest features, `null` when the view has no row for it (yet). */
  getOnlineFeatures<View extends keyof Views & string>(
    view: View,
    key: string | number,
  ): Promise<OnlineFeatures<Views[View]> | null>;
  /** Up to 1,000 entities in one request: answers in `keys` order, `null` for unknown entities. */
  lookup<View extends keyof Views & string>(
    view: View,
    keys: readonly (string | number)[],
  ): Promise<(OnlineFeatures<Views[View]> | null)[]>;
}

const DEFAULT_TIMEOUT_MS = 2_000;

/** The entity answer as the server writes it. */
interface WireEntity {
  key: string;
  row: unknown;
  as_of: {
    partition: number;
    offset: string;
    event_time: number;
    available_at: number;
    written_at: number;
    freshness_ms: number;
  };
}

interface WireError {
  code?: string;
  message?: string;
}

/**
 * A client of `@fp/feature-lookup-api`. Give it the views' row types to get typed rows:
 *
 * @example
 * const client = createFeatureClient<{ card_transactions_10m_agg: TransactionAgg }>({ baseUrl: 'http://localhost:8080' });
 * const card = await client.getOnlineFeatures('card_transactions_10m_agg', 42); // card?.row.avg_amt_per_10m
 *
 * @throws FeatureClientError `FEATURE_CLIENT_INVALID_OPTIONS` for a base URL that is not http(s)
 */
export function createFeatureClient<Views extends ViewRows = ViewRows>(
  options: FeatureClientOptions,
): FeatureClient<Views> {
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new FeatureClientError('FEATURE_CLIENT_INVALID_OPTIONS', `timeoutMs must be positive, got ${timeoutMs}`);
  }
  const fetchImpl = options.fetch ?? fetch;

  async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      throw new FeatureClientError('FEATURE_CLIENT_UNAVAILABLE', `${baseUrl}${path} did not answer: ${String(error)}`, {
        cause: error,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new FeatureClientError(
        response.status >= 500 ? 'FEATURE_CLIENT_UNAVAILABLE' : 'FEATURE_CLIENT_BAD_RESPONSE',
        `${baseUrl}${path} answered ${response.status} with a body that is not JSON`,
        { cause: error, status: response.status },
      );
    }
    return { status: response.status, body };
  }

  return {
    async getOnlineFeatures(view, key) {
      const path = `/views/${encodeURIComponent(view)}/entities/${encodeURIComponent(String(key))}`;
      const { status, body } = await call(path);
      if (status === 404 && (body as WireError).code === 'UNKNOWN_ENTITY') return null;
      if (status !== 200) throw errorOf(status, body as WireError, view);
      return fromWire(body as WireEntity);
    },

    async lookup(view, keys) {
      const { status, body } = await call(`/views/${encodeURIComponent(view)}/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ keys }),
      });
      if (status !== 200) throw errorOf(status, body as WireError, view);
      const rows = (body as { rows?: unknown }).rows;
      if (!Array.isArray(rows) || rows.length !== keys.length) {
        throw new FeatureClientError(
          'FEATURE_CLIENT_BAD_RESPONSE',
          `asked for ${keys.length} entities of ${view}, got ${Array.isArray(rows) ? rows.length : 'no'} answers`,
          { status },
        );
      }
      return rows.map((entry: WireEntity | null) => (entry === null ? null : fromWire(entry)));
    },
  };
}

function checkedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new FeatureClientError('FEATURE_CLIENT_INVALID_OPTIONS', `baseUrl is not a URL: ${JSON.stringify(baseUrl)}`, {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeatureClientError('FEATURE_CLIENT_INVALID_OPTIONS', `baseUrl must be http(s), got ${url.protocol}`);
  }
  return url.href.replace(/\/+$/, '');
}

function errorOf(status: number, body: WireError, view: string): FeatureClientError {
  const detail = `${status}${body.message === undefined ? '' : `: ${body.message}`}`;
  if (status === 404 && body.code === 'UNKNOWN_VIEW') {
    return new FeatureClientError('FEATURE_CLIENT_UNKNOWN_VIEW', `the server has no view ${view} (${detail})`, {
      status,
    });
  }
  if (status === 400) {
    return new FeatureClientError('FEATURE_CLIENT_BAD_REQUEST', `the server refused the request (${detail})`, {
      status,
    });
  }
  if (status >= 500) {
    return new FeatureClientError('FEATURE_CLIENT_UNAVAILABLE', `the server failed (${detail})`, { status });
  }
  return new FeatureClientError('FEATURE_CLIENT_BAD_RESPONSE', `unexpected answer ${detail}`, { status });
}

function fromWire<Row>({ key, row, as_of: asOf }: WireEntity): OnlineFeatures<Row> {
  return {
    key,
    row: row as Row,
    asOf: {
      partition: asOf.partition,
      offset: asOf.offset,
      eventTimeMs: asOf.event_time,
      availableAtMs: asOf.available_at,
      writtenAtMs: asOf.written_at,
      freshnessMs: asOf.freshness_ms,
    },
  };
}
