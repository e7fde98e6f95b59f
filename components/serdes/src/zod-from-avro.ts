import { z } from 'zod';
import type { AvroSchema } from './avro-type';
import type { AvroValue } from './avro-value';
import { SerdesError } from './errors';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

type JsonSchemaNode = string | readonly JsonSchemaNode[] | { readonly [key: string]: unknown };

/**
 * The zod schema of the values avsc decodes for an Avro schema (and accepts to encode), so a
 * record type is declared once in Avro and validated the same way as JSON.
 *
 * Mapping: `null` -> `null`; `boolean`; `int` -> integer in int32 range; `long` -> integer
 * `number` (avsc's default long, exact up to 2^53; we chose `number` over `bigint` because Flink
 * and JSON producers write these as numbers); `float`/`double` -> `number`; `string`; `bytes` and
 * `fixed` -> `Buffer`; `enum` -> `z.enum`; `array`; `map` -> `z.record`; `record` -> `z.object`
 * (every field required: Avro always writes every field); `["null", T]` -> `T.nullable()`; other
 * unions -> `z.union`. Logical types map to their underlying type (`timestamp-millis` -> epoch ms
 * `number`).
 *
 * Typed: for a schema declared `as const` the result is a `z.ZodType<AvroValue<typeof schema>>`.
 *
 * @throws SerdesError `SERDES_INVALID_OPTIONS` for a schema it cannot map (unknown type name)
 */
export function zodFromAvro<const S extends AvroSchema>(schema: S): z.ZodType<AvroValue<S>> {
  if (typeof schema === 'object' && schema !== null && 'schema' in schema && typeof schema.schema === 'function') {
    return fromNode(schema.schema() as JsonSchemaNode, new Map(), undefined) as z.ZodType<AvroValue<S>>;
  }
  return fromNode(schema as JsonSchemaNode, new Map(), undefined) as z.ZodType<AvroValue<S>>;
}

function fromNode(
  node: JsonSchemaNode,
  named: Map<string, z.ZodType<unknown>>,
  namespace: string | undefined,
): z.ZodType<unknown> {
  if (typeof node === 'string') {
    return fromName(node, named, namespace);
  }
  if (Array.isArray(node)) {
    return fromUnion(node as readonly JsonSchemaNode[], named, namespace);
  }
  const object = node as { readonly [key: string]: unknown };
  const type = object['type'];
  switch (type) {
    case 'record':
    case 'error':
      return fromRecord(object, named, namespace);
    case 'enum': {
      const symbols = object['symbols'] as [string, ...string[]];
      return define(named, object, namespace, z.enum(symbols));
    }
    case 'fixed':
      return define(named, object, namespace, z.instanceof(Buffer));
    case 'array':
      return z.array(fromNode(object['items'] as JsonSchemaNode, named, namespace));
    case 'map':
      return z.record(z.string(), fromNode(object['values'] as JsonSchemaNode, named, namespace));
    default:
      // `{"type": "long", "logicalType": "timestamp-millis"}` and other wrapped primitives.
      return fromNode(type as JsonSchemaNode, named, namespace);
  }
}

function fromName(
  name: string,
  named: Map<string, z.ZodType<unknown>>,
  namespace: string | undefined,
): z.ZodType<unknown> {
  switch (name) {
    case 'null':
      return z.null();
    case 'boolean':
      return z.boolean();
    case 'int':
      return z.number().int().min(INT32_MIN).max(INT32_MAX);
    case 'long':
      return z.number().int();
    case 'float':
    case 'double':
      return z.number();
    case 'string':
      return z.string();
    case 'bytes':
      return z.instanceof(Buffer);
    default: {
      const reference = named.get(name) ?? (namespace === undefined ? undefined : named.get(`${namespace}.${name}`));
      if (reference === undefined) {
        throw new SerdesError('SERDES_INVALID_OPTIONS', `zodFromAvro: unknown Avro type ${JSON.stringify(name)}`);
      }
      return reference;
    }
  }
}

function fromUnion(
  branches: readonly JsonSchemaNode[],
  named: Map<string, z.ZodType<unknown>>,
  namespace: string | undefined,
): z.ZodType<unknown> {
  const nonNull = branches.filter((branch) => branch !== 'null');
  const members = nonNull.map((branch) => fromNode(branch, named, namespace));
  const [first, second, ...rest] = members;
  const inner = first === undefined ? z.null() : second === undefined ? first : z.union([first, second, ...rest]);
  return nonNull.length < branches.length && first !== undefined ? inner.nullable() : inner;
}

function fromRecord(
  record: { readonly [key: string]: unknown },
  named: Map<string, z.ZodType<unknown>>,
  outerNamespace: string | undefined,
): z.ZodType<unknown> {
  const namespace = namespaceOf(record, outerNamespace);
  const shape: Record<string, z.ZodType<unknown>> = {};
  // Registered before its fields so a recursive reference finds it (lazily).
  define(
    named,
    record,
    outerNamespace,
    z.lazy(() => object),
  );
  for (const field of record['fields'] as readonly { name: string; type: JsonSchemaNode }[]) {
    shape[field.name] = fromNode(field.type, named, namespace);
  }
  const object = z.object(shape);
  define(named, record, outerNamespace, object);
  return object;
}

function define(
  named: Map<string, z.ZodType<unknown>>,
  node: { readonly [key: string]: unknown },
  outerNamespace: string | undefined,
  schema: z.ZodType<unknown>,
): z.ZodType<unknown> {
  const name = node['name'] as string;
  const namespace = namespaceOf(node, outerNamespace);
  named.set(name, schema);
  if (namespace !== undefined && !name.includes('.')) {
    named.set(`${namespace}.${name}`, schema);
  }
  return schema;
}

function namespaceOf(
  node: { readonly [key: string]: unknown },
  outerNamespace: string | undefined,
): string | undefined {
  const name = node['name'];
  if (typeof name === 'string' && name.includes('.')) {
    return name.slice(0, name.lastIndexOf('.'));
  }
  return typeof node['namespace'] === 'string' ? node['namespace'] : outerNamespace;
}
