import { describe, expect, it } from 'vitest';
import { FeatureClientError } from './errors';
import { createFeatureClient } from './feature-client';

/** A fetch that answers every request with `status` and `body`, and records the requests. */
function answering(status: number, body: string) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const fetchStub = (async (url: string, init?: RequestInit) => {
    requests.push({ url, init });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchStub, requests };
}

const entity = {
  key: 'a/b c',
  row: { n: 1 },
  as_of: { partition: 2, offset: '9', event_time: 10, available_at: 20, written_at: 30, freshness_ms: 40 },
};

describe('createFeatureClient', () => {
  it('encodes the key in the path and maps the answer to camelCase times', async () => {
    const { fetchStub, requests } = answering(200, JSON.stringify({ view: 'v', ...entity }));
    const client = createFeatureClient<{ v: { n: number } }>({ baseUrl: 'http://server:8080/', fetch: fetchStub });
    const features = await client.getOnlineFeatures('v', 'a/b c');
    expect(requests[0]?.url).toBe('http://server:8080/views/v/entities/a%2Fb%20c');
    expect(features).toEqual({
      key: 'a/b c',
      row: { n: 1 },
      asOf: { partition: 2, offset: '9', eventTimeMs: 10, availableAtMs: 20, writtenAtMs: 30, freshnessMs: 40 },
    });
  });

  it('gives null for an unknown entity and a typed error for an unknown view', async () => {
    const unknownEntity = answering(404, JSON.stringify({ code: 'UNKNOWN_ENTITY', message: 'no row' }));
    expect(
      await createFeatureClient({ baseUrl: 'http://s', fetch: unknownEntity.fetchStub }).getOnlineFeatures('v', 1),
    ).toBeNull();
    const unknownView = answering(404, JSON.stringify({ code: 'UNKNOWN_VIEW', message: 'views served: w' }));
    await expect(
      createFeatureClient({ baseUrl: 'http://s', fetch: unknownView.fetchStub }).lookup('v', ['1']),
    ).rejects.toMatchObject({ code: 'FEATURE_CLIENT_UNKNOWN_VIEW', status: 404, message: /views served: w/ });
  });

  it.each([
    [400, '{"message":"body/keys must be array"}', 'FEATURE_CLIENT_BAD_REQUEST', 'none'],
    [503, '{"message":"busy"}', 'FEATURE_CLIENT_UNAVAILABLE', 'backoff'],
    [502, '<html>bad gateway</html>', 'FEATURE_CLIENT_UNAVAILABLE', 'backoff'],
    [200, '<html></html>', 'FEATURE_CLIENT_BAD_RESPONSE', 'none'],
    [200, '{"rows":[null]}', 'FEATURE_CLIENT_BAD_RESPONSE', 'none'],
  ])('turns an answer %i %s into %s', async (status, body, code, retry) => {
    const { fetchStub } = answering(status, body);
    const client = createFeatureClient({ baseUrl: 'http://s', fetch: fetchStub });
    const error = await client.lookup('v', ['1', '2']).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FeatureClientError);
    expect(error).toMatchObject({ code, retry });
  });

  it('reports a server that does not answer as unavailable', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(
      createFeatureClient({ baseUrl: 'http://s', fetch: failing }).getOnlineFeatures('v', '1'),
    ).rejects.toMatchObject({ code: 'FEATURE_CLIENT_UNAVAILABLE', retry: 'backoff' });
  });

  it('refuses a base URL that is not http(s) and a timeout that is not positive', () => {
    expect(() => createFeatureClient({ baseUrl: 'ftp://s' })).toThrow(/http/);
    expect(() => createFeatureClient({ baseUrl: 'nope' })).toThrow(/not a URL/);
    expect(() => createFeatureClient({ baseUrl: 'http://s', timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
