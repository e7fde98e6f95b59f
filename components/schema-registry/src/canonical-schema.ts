import avro from 'avsc';
import type { AvroSchema } from '@fp/serdes';

/**
 * One text for every way of writing the same Avro schema: names fully qualified (`namespace` +
 * `name` and `"name": "ns.Name"` become the same), attributes in one order, no whitespace. Unlike
 * Avro's Parsing Canonical Form it keeps what readers rely on (defaults, aliases, `doc`, custom
 * attributes), so two schemas that differ in a default stay two schemas.
 *
 * Returns `undefined` for text that is not a valid Avro schema: such a version can match nothing.
 */
export function canonicalSchemaText(schema: AvroSchema | string): string | undefined {
  try {
    const json: unknown = typeof schema === 'string' ? JSON.parse(schema) : schema;
    const type = isParsedType(json) ? json : avro.Type.forSchema(json as avro.Schema);
    return JSON.stringify(type.schema({ exportAttrs: true }));
  } catch {
    return undefined;
  }
}

/** An avsc `Type` (what the serdes build) rather than schema JSON. */
export function isParsedType(
  schema: unknown,
): schema is { schema(options: { exportAttrs: boolean }): unknown } & avro.Type {
  return typeof schema === 'object' && schema !== null && typeof (schema as { schema?: unknown }).schema === 'function';
}
