import {
  SchemaRegistry as ConfluentSchemaRegistry,
  SchemaType,
  type COMPATIBILITY,
} from '@kafkajs/confluent-schema-registry';
import type { AvroSchema } from '@fp/serdes';
import { canonicalSchemaText, isParsedType } from './canonical-schema';
import { SchemaRegistryError } from './errors';
import { redact, toRegistryError, type RegistryCall } from './registry-failure';
import { readSubjectVersions } from './subject-versions';

/** Long enough for a registry under load, short enough that start-up fails visibly. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Retries of 5xx answers inside one call, with the library's exponential backoff. */
const DEFAULT_RETRIES = 3;
/** Backoff of those retries (seconds: the library's unit): 0.1 s doubling, at most 5 s in total. */
const RETRY_BACKOFF = { initialRetryTimeInSecs: 0.1, maxRetryTimeInSecs: 5, factor: 0.2, multiplier: 2 } as const;

/** A subject's compatibility level, as Confluent names them. */
export type CompatibilityLevel = `${COMPATIBILITY}`;

export interface SchemaRegistryOptions {
  /** Base URL of the Confluent-compatible API (Apicurio: `.../apis/ccompat/v7`). Credentials in it are moved to `auth`. */
  readonly url: string;
  /** Basic auth. Never appears in error messages. */
  readonly auth?: { readonly username: string; readonly password: string };
  /** Longest wait for one call, retries included; then `SCHEMA_REGISTRY_UNREACHABLE`. Default 10 000 ms. */
  readonly requestTimeoutMs?: number;
  /** Retries of an HTTP 5xx within one call. Default 3. */
  readonly retries?: number;
  /**
   * The level `register` gives a subject it creates, and expects of a subject that exists but
   * does not have the schema yet (the client library checks it before registering). Default
   * `BACKWARD`, Confluent's default: consumers on the new schema can read the old data.
   */
  readonly compatibility?: CompatibilityLevel;
  /** Timer for `requestTimeoutMs`; returns a cancel function. Injected by tests. Default `setTimeout`. */
  readonly schedule?: (callback: () => void, delayMs: number) => () => void;
}

/**
 * A Confluent-compatible Schema Registry, as the pipeline needs it: register (or find) the schema
 * it writes at start-up, and resolve the writer schemas of the records it reads, by id.
 *
 * Every method rejects with `SchemaRegistryError`; only `SCHEMA_REGISTRY_UNREACHABLE` is worth
 * retrying (domain `external`, retry `backoff`).
 */
export interface SchemaRegistry {
  /** The registry URL, without credentials (safe to log). */
  readonly url: string;
  /**
   * The id of `schema` under `subject`, registering it as a new version if the subject does not
   * have it yet. Call it at start-up: an incompatible schema fails there, not on the first record.
   *
   * @throws SchemaRegistryError `SCHEMA_REGISTRY_INCOMPATIBLE` naming the subject when its
   *         compatibility rule rejects the schema
   */
  register(subject: string, schema: AvroSchema): Promise<number>;
  /**
   * The id of `schema` if `subject` has it, in this text or any other text of the same schema
   * (`"name": "ns.Name"` or `namespace` + `name`, attributes in another order: see
   * `canonicalSchemaText`); `SCHEMA_REGISTRY_NOT_FOUND` if not. Never registers.
   */
  lookup(subject: string, schema: AvroSchema): Promise<number>;
  /** The id of the newest version of `subject`. */
  latestSchemaId(subject: string): Promise<number>;
  /**
   * The Avro schema registered under `id`, as JSON. Cached for the life of the client (ids are
   * immutable); concurrent calls for one id share one request. A failed fetch is not cached.
   *
   * @throws SchemaRegistryError `SCHEMA_REGISTRY_NOT_FOUND` when no schema has this id
   */
  fetchWriterSchema(id: number): Promise<AvroSchema>;
}

/**
 * A registry client over `@kafkajs/confluent-schema-registry`, with timeouts, a writer-schema
 * cache and errors that name what failed and never show the credentials.
 *
 * @throws SchemaRegistryError `SCHEMA_REGISTRY_INVALID_OPTIONS` for a URL that does not parse or
 *         a timeout or retry count out of range
 * @example
 * const registry = createSchemaRegistry({ url: config.schemaRegistryUrl, auth: config.schemaRegistryAuth });
 * const id = await registry.register(subjectName('card-transactions', 'value'), transactionAvro);
 */
export function createSchemaRegistry(options: SchemaRegistryOptions): SchemaRegistry {
  const { url, auth } = splitCredentials(options.url, options.auth);
  // The Authorization header's value too: registries have been seen echoing request headers.
  const basicCredentials =
    auth === undefined ? undefined : Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
  const secrets =
    auth === undefined || basicCredentials === undefined ? [] : [auth.password, auth.username, basicCredentials];
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const compatibility = (options.compatibility ?? 'BACKWARD') as COMPATIBILITY;
  const schedule = options.schedule ?? scheduleWithSetTimeout;
  requireCount('requestTimeoutMs', requestTimeoutMs, 1);
  requireCount('retries', retries, 0);

  const client = new ConfluentSchemaRegistry({
    host: url,
    ...(auth === undefined ? {} : { auth: { username: auth.username, password: auth.password } }),
    // A full retry object: the library merges a partial one into its shared defaults.
    retry: { retries, ...RETRY_BACKOFF },
  });
  const writerSchemas = new Map<number, Promise<AvroSchema>>();

  function call<T>(doing: string, work: () => Promise<T>): Promise<T> {
    const context: RegistryCall = { doing, url, secrets };
    return new Promise<T>((resolve, reject) => {
      const cancel = schedule(() => {
        reject(toRegistryError(new Error(`Timeout: no answer within ${requestTimeoutMs} ms`), context));
      }, requestTimeoutMs);
      // Through a promise, so a synchronous throw inside the library is mapped like a rejection.
      Promise.resolve()
        .then(work)
        .then(
          (value) => {
            cancel();
            resolve(value);
          },
          (error: unknown) => {
            cancel();
            reject(toRegistryError(error, context));
          },
        );
    });
  }

  const authorization = basicCredentials === undefined ? undefined : `Basic ${basicCredentials}`;

  /**
   * The registry's own look-up first (one request; Apicurio 3.3 and Confluent match the schema's
   * meaning there, Apicurio 3.0 only its exact text), then, if it finds nothing, the subject's
   * versions compared by canonical text here, so the answer does not depend on the registry.
   */
  async function lookup(subject: string, schema: AvroSchema): Promise<number> {
    const doing = `looking up the schema ${describeSchema(schema)} in subject "${subject}"`;
    try {
      return await call(doing, () => client.getRegistryIdBySchema(subject, toConfluentSchema(schema)));
    } catch (error) {
      if (!(error instanceof SchemaRegistryError && error.code === 'SCHEMA_REGISTRY_NOT_FOUND')) throw error;
      const id = await findByCanonicalText(subject, schema);
      if (id === undefined) throw error;
      return id;
    }
  }

  async function findByCanonicalText(subject: string, schema: AvroSchema): Promise<number | undefined> {
    const wanted = canonicalSchemaText(schema);
    if (wanted === undefined) return undefined;
    const versions = await call(`reading the versions of subject "${subject}"`, () =>
      readSubjectVersions({ url, ...(authorization === undefined ? {} : { authorization }) }, subject),
    );
    return versions.find(
      (version) => (version.schemaType ?? 'AVRO') === 'AVRO' && canonicalSchemaText(version.schema) === wanted,
    )?.id;
  }

  return {
    url,
    lookup,
    async register(subject, schema) {
      try {
        return await lookup(subject, schema);
      } catch (error) {
        if (!(error instanceof SchemaRegistryError && error.code === 'SCHEMA_REGISTRY_NOT_FOUND')) {
          throw error;
        }
      }
      const registered = await call(`registering the schema ${describeSchema(schema)} in subject "${subject}"`, () =>
        client.register(toConfluentSchema(schema), { subject, compatibility }),
      );
      return registered.id;
    },
    latestSchemaId(subject) {
      return call(`reading the latest schema id of subject "${subject}"`, () => client.getLatestSchemaId(subject));
    },
    fetchWriterSchema(id) {
      let pending = writerSchemas.get(id);
      if (pending === undefined) {
        pending = call(`fetching the schema with id ${id}`, async () => {
          const type = await client.getSchema(id);
          // getSchema returns an avsc Type; callers get JSON so they need not share our avsc copy.
          return (type as unknown as { schema(options: { exportAttrs: boolean }): AvroSchema }).schema({
            exportAttrs: true,
          });
        });
        pending.catch(() => writerSchemas.delete(id));
        writerSchemas.set(id, pending);
      }
      return pending;
    },
  };
}

function splitCredentials(
  rawUrl: string,
  auth: SchemaRegistryOptions['auth'],
): { url: string; auth: SchemaRegistryOptions['auth'] } {
  let parsed: URL;
  try {
    parsed = new URL(rawUrl);
  } catch (error) {
    const secrets = auth === undefined ? [] : [auth.password];
    throw new SchemaRegistryError(
      'SCHEMA_REGISTRY_INVALID_OPTIONS',
      redact(
        `url must be an absolute http(s) URL such as http://registry:8080/apis/ccompat/v7, got ${JSON.stringify(rawUrl.replace(/\/\/[^@/]*@/, '//***@'))}`,
        secrets,
      ),
      { cause: error },
    );
  }
  const fromUrl =
    parsed.username === ''
      ? undefined
      : { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString().replace(/\/+$/, ''), auth: auth ?? fromUrl };
}

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new SchemaRegistryError(
      'SCHEMA_REGISTRY_INVALID_OPTIONS',
      `${name} must be an integer >= ${min}, got ${value}`,
    );
  }
}

function toConfluentSchema(schema: AvroSchema): { type: SchemaType.AVRO; schema: string } {
  const json = isParsedType(schema) ? schema.schema({ exportAttrs: true }) : schema;
  return { type: SchemaType.AVRO, schema: JSON.stringify(json) };
}

function describeSchema(schema: AvroSchema): string {
  const name = typeof schema === 'object' && schema !== null ? (schema as { name?: unknown }).name : schema;
  return typeof name === 'string' ? name : '(unnamed)';
}

function scheduleWithSetTimeout(callback: () => void, delayMs: number): () => void {
  const timer = setTimeout(callback, delayMs);
  // A pending timeout must not keep a finished process alive.
  timer.unref();
  return () => clearTimeout(timer);
}
