import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaRegistryError } from './errors';
import { createSchemaRegistry, type SchemaRegistryOptions } from './schema-registry';

const transaction = {
  type: 'record',
  name: 'Transaction',
  fields: [
    { name: 'tid', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
} as const;
/** Another schema of the same subject: a version that must not be taken for `transaction`. */
const otherTransaction = { type: 'record', name: 'Transaction', fields: [{ name: 'tid', type: 'string' }] };
const namespacedTransaction = {
  type: 'record',
  name: 'Transaction',
  namespace: 'com.example',
  fields: [
    { name: 'tid', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

type Route = (request: Seen, response: ServerResponse) => void;

/** A fake Confluent-compatible registry on a real socket: the client library does real HTTP. */
interface FakeRegistry {
  readonly url: string;
  readonly seen: Seen[];
  count(method: string, path: string): number;
}

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function fakeRegistry(route: Route): Promise<FakeRegistry> {
  const seen: Seen[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      };
      seen.push(entry);
      route(entry, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/apis/ccompat/v7`,
    seen,
    count: (method, path) => seen.filter((s) => s.method === method && s.path === path).length,
  };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
  response.end(JSON.stringify(body));
}

/**
 * Answers the GETs that list `subject`'s versions and read one (the canonical-text look-up), as a
 * registry holding `schemas` as versions 1, 2, ...; `true` if it answered.
 */
function answerVersions(
  request: Seen,
  response: ServerResponse,
  subject: string,
  schemas: readonly { id: number; schema: unknown }[],
): boolean {
  const versions = `${PREFIX}/subjects/${subject}/versions`;
  if (request.method !== 'GET' || !request.path.startsWith(versions)) return false;
  if (request.path === versions) {
    if (schemas.length === 0) reply(response, 404, { error_code: 40401, message: 'Subject not found' });
    else
      reply(
        response,
        200,
        schemas.map((_, index) => index + 1),
      );
    return true;
  }
  const version = Number(request.path.slice(versions.length + 1));
  const held = schemas[version - 1];
  if (held === undefined) reply(response, 404, { error_code: 40402, message: 'Version not found' });
  else reply(response, 200, { subject, version, id: held.id, schema: JSON.stringify(held.schema) });
  return true;
}

function registry(fake: FakeRegistry, options: Partial<SchemaRegistryOptions> = {}) {
  return createSchemaRegistry({ url: fake.url, retries: 0, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<SchemaRegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SchemaRegistryError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const PREFIX = '/apis/ccompat/v7';

describe('createSchemaRegistry()', () => {
  describe('register()', () => {
    it('returns the id of a schema the subject already has, without registering it again', async () => {
      const fake = await fakeRegistry((request, response) => {
        if (request.method === 'POST' && request.path === `${PREFIX}/subjects/tx-value`) {
          return reply(response, 200, { subject: 'tx-value', version: 1, id: 42, schema: request.body });
        }
        reply(response, 500, { message: 'unexpected' });
      });
      await expect(registry(fake).register('tx-value', transaction)).resolves.toBe(42);
      expect(fake.seen.map((s) => `${s.method} ${s.path}`)).toEqual([`POST ${PREFIX}/subjects/tx-value`]);
      expect(JSON.parse(JSON.parse(fake.seen[0]?.body ?? '{}').schema)).toEqual(transaction);
    });

    it('registers a schema the subject does not have, and gives a new subject BACKWARD compatibility', async () => {
      const fake = await fakeRegistry((request, response) => {
        const path = request.path.slice(PREFIX.length);
        if (request.method === 'POST' && path === '/subjects/tx-value')
          return reply(response, 404, { error_code: 40403, message: 'Schema not found' });
        if (answerVersions(request, response, 'tx-value', [])) return;
        if (request.method === 'GET' && path === '/config/tx-value')
          return reply(response, 404, { error_code: 40401, message: 'Subject not found' });
        if (request.method === 'POST' && path === '/subjects/tx-value/versions') return reply(response, 200, { id: 7 });
        if (request.method === 'PUT' && path === '/config/tx-value')
          return reply(response, 200, JSON.parse(request.body));
        reply(response, 500, { message: 'unexpected' });
      });
      await expect(registry(fake).register('tx-value', transaction)).resolves.toBe(7);
      expect(fake.count('POST', `${PREFIX}/subjects/tx-value/versions`)).toBe(1);
      const configured = fake.seen.find((s) => s.method === 'PUT');
      expect(JSON.parse(configured?.body ?? '{}')).toEqual({ compatibility: 'BACKWARD' });
    });

    it('surfaces a compatibility rejection as SCHEMA_REGISTRY_INCOMPATIBLE naming the subject', async () => {
      const fake = await fakeRegistry((request, response) => {
        const path = request.path.slice(PREFIX.length);
        if (request.method === 'POST' && path === '/subjects/tx-value')
          return reply(response, 404, { message: 'Schema not found' });
        if (answerVersions(request, response, 'tx-value', [{ id: 3, schema: otherTransaction }])) return;
        if (request.method === 'GET' && path === '/config/tx-value')
          return reply(response, 200, { compatibilityLevel: 'BACKWARD' });
        reply(response, 409, { error_code: 409, message: 'Incompatible artifact: tx-value [AVRO]' });
      });
      const error = await rejection(registry(fake).register('tx-value', transaction));
      expect(error).toMatchObject({ code: 'SCHEMA_REGISTRY_INCOMPATIBLE', domain: 'internal', retry: 'none' });
      expect(error.message).toContain('subject "tx-value"');
      expect(error.message).toContain('(HTTP 409)');
      expect(error.message).toContain('Incompatible artifact');
    });

    it('refuses to register under a subject whose compatibility level differs from the configured one', async () => {
      const fake = await fakeRegistry((request, response) => {
        if (answerVersions(request, response, 'tx-value', [{ id: 3, schema: otherTransaction }])) return;
        if (request.method === 'GET') return reply(response, 200, { compatibilityLevel: 'NONE' });
        reply(response, 404, { message: 'Schema not found' });
      });
      const error = await rejection(registry(fake).register('tx-value', transaction));
      expect(error.code).toBe('SCHEMA_REGISTRY_COMPATIBILITY_MISMATCH');
      expect(error.message).toMatch(/BACKWARD != NONE.*compatibility/);
      expect(fake.count('POST', `${PREFIX}/subjects/tx-value/versions`)).toBe(0);
    });

    it('registers under a NONE subject when configured with compatibility NONE', async () => {
      const fake = await fakeRegistry((request, response) => {
        if (answerVersions(request, response, 'tx-value', [{ id: 3, schema: otherTransaction }])) return;
        if (request.method === 'GET') return reply(response, 200, { compatibilityLevel: 'NONE' });
        if (request.path.endsWith('/versions')) return reply(response, 200, { id: 9 });
        reply(response, 404, { message: 'Schema not found' });
      });
      await expect(registry(fake, { compatibility: 'NONE' }).register('tx-value', transaction)).resolves.toBe(9);
    });

    it('finds the schema written in other text (full name, attribute order) when the registry matches text only', async () => {
      const fullyQualified = {
        fields: [
          { type: 'string', name: 'tid' },
          { type: 'double', name: 'amount' },
        ],
        name: 'com.example.Transaction',
        type: 'record',
      };
      const fake = await fakeRegistry((request, response) => {
        if (request.method === 'POST' && request.path === `${PREFIX}/subjects/tx-value`)
          return reply(response, 404, { error_code: 40403, message: 'Schema not found' });
        if (
          answerVersions(request, response, 'tx-value', [
            { id: 5, schema: otherTransaction },
            { id: 6, schema: fullyQualified },
          ])
        )
          return;
        reply(response, 500, { message: 'unexpected' });
      });
      await expect(registry(fake).register('tx-value', namespacedTransaction)).resolves.toBe(6);
      await expect(registry(fake).lookup('tx-value', namespacedTransaction)).resolves.toBe(6);
      expect(fake.count('POST', `${PREFIX}/subjects/tx-value/versions`)).toBe(0);
    });

    it('does not take a schema that differs in a default for the same schema', async () => {
      const withDefault = {
        ...namespacedTransaction,
        fields: [...namespacedTransaction.fields.slice(0, 1), { name: 'amount', type: 'double', default: 0 }],
      };
      const fake = await fakeRegistry((request, response) => {
        if (request.method === 'POST' && request.path === `${PREFIX}/subjects/tx-value`)
          return reply(response, 404, { error_code: 40403, message: 'Schema not found' });
        if (answerVersions(request, response, 'tx-value', [{ id: 5, schema: withDefault }])) return;
        reply(response, 500, { message: 'unexpected' });
      });
      await expect(registry(fake).lookup('tx-value', namespacedTransaction)).rejects.toMatchObject({
        code: 'SCHEMA_REGISTRY_NOT_FOUND',
      });
    });

    it('rejects a schema avsc cannot parse with SCHEMA_REGISTRY_INVALID_SCHEMA', async () => {
      const fake = await fakeRegistry((_request, response) => reply(response, 404, { message: 'Schema not found' }));
      const bad = { type: 'record', name: 'X', fields: [{ name: 'a', type: 'nope' }] };
      await expect(registry(fake).register('x-value', bad)).rejects.toMatchObject({
        code: 'SCHEMA_REGISTRY_INVALID_SCHEMA',
      });
    });
  });

  describe('fetchWriterSchema()', () => {
    function schemaById(status = 200): Route {
      return (request, response) => {
        if (request.path === `${PREFIX}/schemas/ids/5` && status === 200)
          return reply(response, 200, { schema: JSON.stringify(transaction) });
        reply(response, status === 200 ? 404 : status, { error_code: 40403, message: 'No content with ID found' });
      };
    }

    it('returns the schema as JSON', async () => {
      const fake = await fakeRegistry(schemaById());
      await expect(registry(fake).fetchWriterSchema(5)).resolves.toEqual(transaction);
    });

    it('makes one HTTP request per id, however many callers ask, at once or later', async () => {
      const fake = await fakeRegistry(schemaById());
      const client = registry(fake);
      await Promise.all(Array.from({ length: 10 }, () => client.fetchWriterSchema(5)));
      await client.fetchWriterSchema(5);
      expect(fake.count('GET', `${PREFIX}/schemas/ids/5`)).toBe(1);
    });

    it('rejects an unknown id with SCHEMA_REGISTRY_NOT_FOUND, and asks again next time', async () => {
      const fake = await fakeRegistry(schemaById());
      const client = registry(fake);
      const error = await rejection(client.fetchWriterSchema(6));
      expect(error).toMatchObject({ code: 'SCHEMA_REGISTRY_NOT_FOUND' });
      expect(error.message).toContain('schema with id 6');
      await rejection(client.fetchWriterSchema(6));
      expect(fake.count('GET', `${PREFIX}/schemas/ids/6`)).toBe(2);
    });
  });

  describe('an unavailable registry', () => {
    it('turns HTTP 503 into SCHEMA_REGISTRY_UNREACHABLE, external and retryable', async () => {
      const fake = await fakeRegistry((_request, response) => reply(response, 503, { message: 'overloaded' }));
      const error = await rejection(registry(fake).fetchWriterSchema(1));
      expect(error).toMatchObject({ code: 'SCHEMA_REGISTRY_UNREACHABLE', domain: 'external', retry: 'backoff' });
    });

    it('turns a refused connection into SCHEMA_REGISTRY_UNREACHABLE', async () => {
      const fake = await fakeRegistry((_request, response) => reply(response, 200, {}));
      for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
      const error = await rejection(registry(fake).latestSchemaId('tx-value'));
      expect(error).toMatchObject({ code: 'SCHEMA_REGISTRY_UNREACHABLE', domain: 'external' });
      expect(error.message).toContain('ECONNREFUSED');
    });

    it('gives up after requestTimeoutMs with SCHEMA_REGISTRY_UNREACHABLE', async () => {
      let arrived: () => void = () => undefined;
      const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
      const fake = await fakeRegistry(() => arrived()); // never answers
      let fire: () => void = () => undefined;
      const delays: number[] = [];
      const client = registry(fake, {
        requestTimeoutMs: 250,
        schedule: (callback, delayMs) => {
          fire = callback;
          delays.push(delayMs);
          return () => undefined;
        },
      });
      const pending = rejection(client.fetchWriterSchema(1));
      await requestArrived;
      fire();
      const error = await pending;
      expect(error).toMatchObject({ code: 'SCHEMA_REGISTRY_UNREACHABLE', retry: 'backoff' });
      expect(error.message).toContain('no answer within 250 ms');
      expect(delays).toEqual([250]);
    });
  });

  describe('credentials', () => {
    const username = 'pipeline-user';
    const password = 'Sup3r-s3cret-pw';

    it('sends basic auth taken from the URL, and never shows it in errors, even when the registry echoes it', async () => {
      const fake = await fakeRegistry((request, response) =>
        reply(response, 401, { message: `Unauthorized: ${request.authorization} for ${username}:${password}` }),
      );
      const urlWithCredentials = fake.url.replace('http://', `http://${username}:${password}@`);
      const client = createSchemaRegistry({ url: urlWithCredentials, retries: 0 });
      expect(client.url).toBe(fake.url);
      const error = await rejection(client.fetchWriterSchema(1));
      expect(fake.seen[0]?.authorization).toBe(`Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`);
      expect(error).toMatchObject({ code: 'SCHEMA_REGISTRY_UNAUTHORIZED', domain: 'internal' });
      const everything = `${error.message} ${inspect(error, { depth: 10 })}`;
      expect(everything).not.toContain(password);
      expect(everything).not.toContain(username);
    });

    it('keeps the auth option out of errors too', async () => {
      const fake = await fakeRegistry((_request, response) => reply(response, 403, { message: 'Forbidden' }));
      const client = registry(fake, { auth: { username, password } });
      const error = await rejection(client.register('tx-value', transaction));
      expect(error.code).toBe('SCHEMA_REGISTRY_UNAUTHORIZED');
      expect(inspect(error, { depth: 10 })).not.toContain(password);
    });

    it('keeps credentials out of the invalid-URL error', () => {
      expect(() =>
        createSchemaRegistry({ url: `//${username}:${password}@registry`, auth: { username, password } }),
      ).toThrow(
        expect.objectContaining({
          code: 'SCHEMA_REGISTRY_INVALID_OPTIONS',
          message: expect.not.stringContaining(password),
        }),
      );
    });
  });

  it.each([
    ['a timeout of 0', { requestTimeoutMs: 0 }],
    ['negative retries', { retries: -1 }],
  ])('rejects %s with SCHEMA_REGISTRY_INVALID_OPTIONS', (_, options) => {
    expect(() => createSchemaRegistry({ url: 'http://registry:8080', ...options })).toThrow(
      expect.objectContaining({ code: 'SCHEMA_REGISTRY_INVALID_OPTIONS' }),
    );
  });
});
