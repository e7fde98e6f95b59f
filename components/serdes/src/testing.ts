/**
 * Test helpers for bricks that declare one record type twice, as zod and as Avro.
 */
import avro from 'avsc';
import { z } from 'zod';
import type { AvroSchema } from './avro-type';
import { describeValue, formatPath } from './describe-value';
import { zodFromAvro } from './zod-from-avro';

/** Random Avro values tried per check: enough to hit both branches of every nullable field. */
const DEFAULT_SAMPLES = 200;
const MAX_REPORTED_PROBLEMS = 10;

/**
 * Throws, listing every difference, unless `zodSchema` and `avroSchema` describe the same record:
 * - the same field names at every level (a field in one and not the other, or optional in zod
 *   while Avro always writes it);
 * - every random value avsc generates for the Avro schema passes zod (types and nullability agree);
 * - what zod outputs for those values is still valid Avro (transforms do not break encoding).
 *
 * @example
 * it('keeps the zod and Avro schemas of a transaction in step', () => {
 *   assertZodMatchesAvro(sourceTransactionSchema, sourceTransactionAvro);
 * });
 */
export function assertZodMatchesAvro(
  zodSchema: z.ZodType<unknown>,
  avroSchema: AvroSchema,
  options: { samples?: number } = {},
): void {
  const type = avroSchema instanceof avro.Type ? avroSchema : avro.Type.forSchema(avroSchema as avro.Schema);
  const problems = [
    ...fieldProblems(zodSchema, zodFromAvro(type)),
    ...sampleProblems(zodSchema, type, options.samples ?? DEFAULT_SAMPLES),
  ];
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
    const more = problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : '';
    throw new Error(
      `zod schema does not match Avro schema ${type.name ?? type.typeName}:\n  ${shown.join('\n  ')}${more}`,
    );
  }
}

interface FieldShape {
  readonly path: string;
  readonly required: boolean;
}

function fieldProblems(actual: z.ZodType<unknown>, expected: z.ZodType<unknown>): string[] {
  const actualFields = fieldsOf(actual);
  const expectedFields = fieldsOf(expected);
  const problems: string[] = [];
  for (const [path, field] of expectedFields) {
    const mine = actualFields.get(path);
    if (mine === undefined) {
      problems.push(`${path}: in Avro, missing from zod`);
    } else if (field.required && !mine.required) {
      problems.push(`${path}: optional in zod, but Avro always writes it (use .nullable() for ["null", T])`);
    }
  }
  for (const path of actualFields.keys()) {
    if (!expectedFields.has(path)) {
      problems.push(`${path}: in zod, missing from Avro`);
    }
  }
  return problems;
}

/** Every object property reachable in the schema, by dotted path (`[]` for array items). */
function fieldsOf(schema: z.ZodType<unknown>): Map<string, FieldShape> {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', cycles: 'ref' }) as JsonSchema;
  const fields = new Map<string, FieldShape>();
  walk(json, '', fields, new Set());
  return fields;
}

interface JsonSchema {
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly additionalProperties?: JsonSchema | boolean;
}

function walk(node: JsonSchema, prefix: string, fields: Map<string, FieldShape>, seen: Set<JsonSchema>): void {
  if (seen.has(node)) {
    return;
  }
  seen.add(node);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    fields.set(path, { path, required: node.required?.includes(name) ?? false });
    walk(child, path, fields, seen);
  }
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
    walk(branch, prefix, fields, seen);
  }
  if (node.items !== undefined) {
    walk(node.items, `${prefix}[]`, fields, seen);
  }
  if (typeof node.additionalProperties === 'object') {
    walk(node.additionalProperties, `${prefix}{}`, fields, seen);
  }
}

function sampleProblems(zodSchema: z.ZodType<unknown>, type: avro.Type, samples: number): string[] {
  // Keyed by path and kind, so 200 samples failing the same way report it once.
  const problems = new Map<string, string>();
  for (let sample = 0; sample < samples; sample += 1) {
    const value: unknown = type.random();
    const parsed = zodSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = formatPath(issue.path);
        problems.set(`reject ${path}`, `${path}: zod rejects an Avro-valid value: ${issue.message}`);
      }
      continue;
    }
    type.isValid(parsed.data, {
      errorHook: (path, bad) => {
        const at = formatPath(path);
        problems.set(`encode ${at}`, `${at}: zod outputs ${describeValue(bad)}, which Avro cannot encode`);
      },
    });
  }
  return [...problems.values()];
}
