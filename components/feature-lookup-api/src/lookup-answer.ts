import type { StoredRow } from '@fp/online-store';

/**
 * The JSON text of one entity's answer: `{"key":…,"row":…,"as_of":{…}}`, built from the stored
 * row's JSON text without parsing it, so a 1,000-key answer is a join of texts.
 * `freshness_ms` is how old the row's event time is at `nowMs`.
 */
export function entityAnswerJson(key: string, stored: StoredRow, nowMs: number): string {
  return (
    `{"key":${JSON.stringify(key)},"row":${stored.rowJson},"as_of":{` +
    `"partition":${stored.partition},"offset":"${stored.offset}",` +
    `"event_time":${stored.eventTimeMs},"available_at":${stored.availableAtMs},` +
    `"written_at":${stored.writtenAtMs},"freshness_ms":${nowMs - stored.eventTimeMs}}}`
  );
}

/** `GET /views/:view/entities/:key`: the entity's answer with its view. */
export function singleAnswerJson(view: string, key: string, stored: StoredRow, nowMs: number): string {
  return `{"view":${JSON.stringify(view)},${entityAnswerJson(key, stored, nowMs).slice(1)}`;
}

/** `POST /views/:view/lookup`: the answers in request order, `null` for an unknown entity. */
export function batchAnswerJson(
  view: string,
  keys: readonly string[],
  rows: readonly (StoredRow | undefined)[],
  nowMs: number,
): string {
  const parts = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i += 1) {
    const stored = rows[i];
    parts[i] = stored === undefined ? 'null' : entityAnswerJson(keys[i] as string, stored, nowMs);
  }
  return `{"view":${JSON.stringify(view)},"rows":[${parts.join(',')}]}`;
}
