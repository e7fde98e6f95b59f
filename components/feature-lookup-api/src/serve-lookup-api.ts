import { FeatureLookupApiError } from './errors';
import { createLookupApi, type LookupApiOptions } from './lookup-api';

/** A listening lookup API. */
export interface LookupServer {
  /** The port it listens on (the chosen one when `port` was 0). */
  readonly port: number;
  /** Stops accepting connections and waits for the requests in flight. */
  close(): Promise<void>;
}

/**
 * Creates the lookup API and listens on `port` (`0`: a free one) on `host` (default all interfaces).
 * @throws FeatureLookupApiError `FEATURE_LOOKUP_API_INVALID_OPTIONS` for a bad port,
 *   `FEATURE_LOOKUP_API_LISTEN_FAILED` when it cannot be bound
 */
export async function serveLookupApi(
  options: LookupApiOptions & { readonly port: number; readonly host?: string },
): Promise<LookupServer> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new FeatureLookupApiError(
      'FEATURE_LOOKUP_API_INVALID_OPTIONS',
      `port must be an integer from 0 to 65535, got ${String(options.port)}`,
    );
  }
  const app = createLookupApi(options);
  try {
    await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
  } catch (error) {
    await app.close();
    throw new FeatureLookupApiError(
      'FEATURE_LOOKUP_API_LISTEN_FAILED',
      `cannot listen on port ${options.port}: ${String((error as Error).message)}`,
      { cause: error },
    );
  }
  const address = app.server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    close: () => app.close(),
  };
}
