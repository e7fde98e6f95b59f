/** One registered version of a subject, as the Confluent API returns it. */
export interface SubjectVersion {
  readonly version: number;
  readonly id: number;
  /** The schema text as it was registered. */
  readonly schema: string;
  /** Absent for Avro, the Confluent default. */
  readonly schemaType?: string;
}

/** Where and how to ask: the registry URL without credentials, and the basic-auth header if any. */
export interface RegistryEndpoint {
  readonly url: string;
  readonly authorization?: string;
}

const HTTP_NOT_FOUND = 404;

/**
 * Every version `subject` holds, newest first, read with plain HTTP GETs (the client library has
 * no call that lists versions). A subject that does not exist has none; a version deleted while
 * this reads is left out. Failures throw errors with the HTTP `status`, or the socket error's code
 * as the message, so `toRegistryError` classifies them as it does the library's.
 */
export async function readSubjectVersions(endpoint: RegistryEndpoint, subject: string): Promise<SubjectVersion[]> {
  const base = `${endpoint.url}/subjects/${encodeURIComponent(subject)}/versions`;
  const numbers = await getJson<number[]>(endpoint, base);
  if (numbers === undefined) return [];
  const versions: SubjectVersion[] = [];
  for (const number of [...numbers].sort((a, b) => b - a)) {
    const version = await getJson<SubjectVersion>(endpoint, `${base}/${number}`);
    if (version !== undefined) versions.push(version);
  }
  return versions;
}

/** The JSON answer of a GET; `undefined` for 404. */
async function getJson<T>(endpoint: RegistryEndpoint, url: string): Promise<T | undefined> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/vnd.schemaregistry.v1+json, application/json',
        ...(endpoint.authorization === undefined ? {} : { authorization: endpoint.authorization }),
      },
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    throw new Error(typeof cause?.code === 'string' ? cause.code : String(error));
  }
  if (response.status === HTTP_NOT_FOUND) return undefined;
  const text = await response.text();
  if (!response.ok) {
    throw Object.assign(new Error(`GET ${url}: ${text}`), { status: response.status });
  }
  return JSON.parse(text) as T;
}
