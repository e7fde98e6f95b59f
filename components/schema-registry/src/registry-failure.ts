import { SchemaRegistryError, type SchemaRegistryErrorCode } from './errors';

/** mappersmith reports a failed connection as a fake HTTP 400 whose text is the socket error. */
const NETWORK_FAILURE =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|socket hang up|Timeout/i;
/** The client library prefixes every message with its client id. */
const CLIENT_ID_PREFIX = /^Confluent_Schema_Registry - /;
const HTTP_REQUEST_TIMEOUT = 408;
const HTTP_TOO_MANY_REQUESTS = 429;
const HTTP_SERVER_ERROR = 500;

/** What was being done, for the message: `registering the schema of subject "tx-value"`. */
export interface RegistryCall {
  readonly doing: string;
  /** The registry URL, already without credentials. */
  readonly url: string;
  /** Strings to blank out of any message (basic-auth username and password). */
  readonly secrets: readonly string[];
}

/**
 * Turns what the client library throws (HTTP `ResponseError`s with a `status`, its own
 * `ConfluentSchemaRegistry*Error`s, socket errors) into one `SchemaRegistryError`.
 */
export function toRegistryError(thrown: unknown, call: RegistryCall): SchemaRegistryError {
  if (thrown instanceof SchemaRegistryError) {
    return thrown;
  }
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  const status = (error as { status?: unknown }).status;
  const detail = error.message.replace(CLIENT_ID_PREFIX, '');
  const [code, hint] = classify(error.name, typeof status === 'number' ? status : undefined, detail);
  const statusText =
    typeof status === 'number' && !(status === 400 && code === 'SCHEMA_REGISTRY_UNREACHABLE')
      ? ` (HTTP ${status})`
      : '';
  const message = `schema registry at ${call.url} failed while ${call.doing}${statusText}: ${detail}${hint}`;
  return new SchemaRegistryError(code, redact(message, call.secrets), { cause: redactedCopy(error, call.secrets) });
}

/**
 * The cause, with the secrets blanked out of what a log would print (message, stack, request
 * URL): a registry may echo the credentials or the Authorization header back in its answer.
 */
function redactedCopy(error: Error, secrets: readonly string[]): Error {
  if (secrets.length === 0) {
    return error;
  }
  const copy = new Error(redact(error.message, secrets));
  copy.name = error.name;
  copy.stack = redact(error.stack ?? '', secrets);
  for (const key of ['status', 'url'] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') {
      Object.assign(copy, { [key]: typeof value === 'string' ? redact(value, secrets) : value });
    }
  }
  return copy;
}

/** Blanks every secret out of a message; secrets shorter than 3 characters would blank out words. */
export function redact(message: string, secrets: readonly string[]): string {
  let redacted = message;
  for (const secret of secrets) {
    if (secret.length >= 3) {
      redacted = redacted.split(secret).join('***');
    }
  }
  return redacted;
}

function classify(name: string, status: number | undefined, detail: string): [SchemaRegistryErrorCode, string] {
  switch (name) {
    case 'ConfluentSchemaRegistryCompatibilityError':
      return [
        'SCHEMA_REGISTRY_COMPATIBILITY_MISMATCH',
        "; set createSchemaRegistry's `compatibility` to the subject's level, or change the subject's level (PUT <url>/config/<subject>)",
      ];
    case 'ConfluentSchemaRegistryArgumentError':
    case 'ConfluentSchemaRegistryInvalidSchemaError':
      return ['SCHEMA_REGISTRY_INVALID_SCHEMA', ''];
    case 'ConfluentSchemaRegistryError':
      // The library rethrows the lookup's 404 as its base error, without the status.
      return ['SCHEMA_REGISTRY_NOT_FOUND', ''];
  }
  if (status === undefined) {
    return NETWORK_FAILURE.test(detail)
      ? ['SCHEMA_REGISTRY_UNREACHABLE', '']
      : ['SCHEMA_REGISTRY_UNEXPECTED_RESPONSE', ''];
  }
  if (status === 409) {
    return [
      'SCHEMA_REGISTRY_INCOMPATIBLE',
      "; the subject's compatibility rule rejects this schema: make the change compatible (add fields with defaults) or register under a new subject",
    ];
  }
  if (status === 404) {
    return ['SCHEMA_REGISTRY_NOT_FOUND', ''];
  }
  if (status === 401 || status === 403) {
    return ['SCHEMA_REGISTRY_UNAUTHORIZED', '; check the registry credentials (auth option)'];
  }
  if (status === 422) {
    return ['SCHEMA_REGISTRY_INVALID_SCHEMA', ''];
  }
  if (
    status >= HTTP_SERVER_ERROR ||
    status === HTTP_REQUEST_TIMEOUT ||
    status === HTTP_TOO_MANY_REQUESTS ||
    (status === 400 && NETWORK_FAILURE.test(detail))
  ) {
    return ['SCHEMA_REGISTRY_UNREACHABLE', ''];
  }
  return ['SCHEMA_REGISTRY_UNEXPECTED_RESPONSE', ''];
}
