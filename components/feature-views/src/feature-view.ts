import type { AvroSchema } from '@fp/serdes';
import type { z } from 'zod';
import { FeatureViewsError } from './errors';

/** How a view's rows are encoded on its topic: Avro (raw or Confluent-framed, chosen by the deployment) or JSON. */
export const featureRowEncodings = ['avro', 'json'] as const;
export type FeatureRowEncoding = (typeof featureRowEncodings)[number];

/**
 * When a row becomes known, in event time.
 *
 * - `window`: the row is a window's result. A window `[start, end)` fires when the watermark reaches
 *   `end - 1`; with a watermark of `maxSeen - outOfOrdernessMs - 1` that is no earlier than event
 *   time `end + outOfOrdernessMs`, so a row is available at `end + outOfOrdernessMs` (never its
 *   window's start). A row that updates an already emitted window (a late record under allowed
 *   lateness) is available at `end + outOfOrdernessMs + allowedLatenessMs`: the latest event time
 *   it can have been made, so no training example ever sees an update it could not have had.
 * - `record-timestamp`: the row is known at its Kafka record timestamp (an event-time stamp the
 *   producer chose), for views that are not window results.
 */
export type FeatureAvailability<Row> =
  | {
      readonly kind: 'window';
      /** The end (exclusive, epoch ms) of the row's window, from the row or its record timestamp. */
      readonly windowEndMs: (row: Row, recordTimestampMs: number) => number;
      readonly outOfOrdernessMs: number;
      readonly allowedLatenessMs: number;
    }
  | { readonly kind: 'record-timestamp' };

export interface FeatureViewSpec<Row> {
  /** Identity of the view in stores and APIs: letters, digits, `_` and `-`. */
  readonly name: string;
  /** The topic the pipeline writes the rows to (a deployment may read another). */
  readonly topic: string;
  /** The row fields that identify an entity (`['cc_num']`); a row replaces the entity's previous one. */
  readonly entityKey: readonly (keyof Row & string)[];
  /** The row's Avro record schema: the one declaration its other forms derive from. */
  readonly avroSchema: AvroSchema;
  /** The zod form of `avroSchema` (for JSON rows and validation). */
  readonly rowSchema: z.ZodType<Row>;
  readonly encoding: FeatureRowEncoding;
  readonly availability: FeatureAvailability<Row>;
  readonly description?: string;
}

/** A validated, frozen `FeatureViewSpec`. */
export type FeatureView<Row = Record<string, unknown>> = Readonly<FeatureViewSpec<Row>> & {
  /** The names of the row's fields, in schema order. */
  readonly fields: readonly string[];
};

/**
 * A view of any row type, for code that reads only a view's name, schema, entity key and
 * availability (stores, catalogs, training sets): a view's functions take rows, which makes
 * `FeatureView<Row>` invariant in `Row`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFeatureView = FeatureView<any>;

const VIEW_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * A feature view: a feature topic described as data, checked once so every consumer (online store,
 * archiver, training sets) can rely on it.
 *
 * @throws FeatureViewsError `FEATURE_VIEWS_INVALID_OPTIONS` listing every problem at once
 * @example
 * const view = defineFeatureView({ name: 'card_transactions_10m_agg', topic: 'card_transactions_10m_agg',
 *   entityKey: ['cc_num'], avroSchema, rowSchema, encoding: 'avro',
 *   availability: { kind: 'window', windowEndMs: (row) => row.window_end, outOfOrdernessMs: 60_000, allowedLatenessMs: 0 } });
 */
export function defineFeatureView<Row>(spec: FeatureViewSpec<Row>): FeatureView<Row> {
  const fields = recordFieldNames(spec.avroSchema);
  const problems = [
    ...(VIEW_NAME.test(spec.name) ? [] : [`name must match ${VIEW_NAME}, got ${JSON.stringify(spec.name)}`]),
    ...(TOPIC_NAME.test(spec.topic) ? [] : [`topic must be a Kafka topic name, got ${JSON.stringify(spec.topic)}`]),
    ...entityKeyProblems(spec.entityKey, fields),
    ...(featureRowEncodings.includes(spec.encoding)
      ? []
      : [`encoding must be one of ${featureRowEncodings.join(', ')}, got ${JSON.stringify(spec.encoding)}`]),
    ...availabilityProblems(spec.availability),
  ];
  if (fields === undefined) problems.push('avroSchema must be an Avro record schema (type "record" with fields)');
  if (problems.length > 0) {
    throw new FeatureViewsError(
      'FEATURE_VIEWS_INVALID_OPTIONS',
      `feature view ${JSON.stringify(spec.name)}: ${problems.join('; ')}`,
    );
  }
  return Object.freeze({ ...spec, entityKey: Object.freeze([...spec.entityKey]), fields: fields ?? [] });
}

function recordFieldNames(schema: AvroSchema): readonly string[] | undefined {
  const json =
    typeof schema === 'object' && schema !== null && 'schema' in schema && typeof schema.schema === 'function'
      ? (schema.schema() as unknown)
      : schema;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const record = json as { type?: unknown; fields?: unknown };
  if (record.type !== 'record' || !Array.isArray(record.fields)) return undefined;
  return Object.freeze(record.fields.map((field: { name: string }) => field.name));
}

function entityKeyProblems(entityKey: readonly string[], fields: readonly string[] | undefined): string[] {
  if (!Array.isArray(entityKey) || entityKey.length === 0) return ['entityKey must name at least one row field'];
  if (fields === undefined) return [];
  const unknown = entityKey.filter((field) => !fields.includes(field));
  return unknown.length === 0
    ? []
    : [`entityKey field(s) ${unknown.join(', ')} are not in the row schema (fields: ${fields.join(', ')})`];
}

function availabilityProblems(availability: FeatureAvailability<never> | undefined): string[] {
  if (availability?.kind === 'record-timestamp') return [];
  if (availability?.kind !== 'window') return ['availability.kind must be "window" or "record-timestamp"'];
  const problems: string[] = [];
  if (typeof availability.windowEndMs !== 'function') problems.push('availability.windowEndMs must be a function');
  for (const name of ['outOfOrdernessMs', 'allowedLatenessMs'] as const) {
    const value = availability[name];
    if (!Number.isSafeInteger(value) || value < 0) {
      problems.push(`availability.${name} must be a non-negative integer of milliseconds, got ${String(value)}`);
    }
  }
  return problems;
}
