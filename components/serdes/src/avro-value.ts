/**
 * The TypeScript type of the values avsc decodes for an Avro schema declared `as const` (the same
 * mapping `zodFromAvro` checks at run time): a record type is written once, in Avro, and its
 * TypeScript type and zod schema follow from it.
 *
 * `long` is `number` (see `zodFromAvro`), `bytes` and `fixed` are `Buffer`, logical types are their
 * underlying type, `["null", T]` is `T | null`. A reference to a named type by name is `unknown`:
 * declare nested records inline.
 */
export type AvroValue<S> = S extends 'null'
  ? null
  : S extends 'boolean'
    ? boolean
    : S extends 'int' | 'long' | 'float' | 'double'
      ? number
      : S extends 'string'
        ? string
        : S extends 'bytes'
          ? Buffer
          : S extends readonly unknown[]
            ? AvroValue<S[number]>
            : S extends { readonly type: 'record' | 'error'; readonly fields: readonly unknown[] }
              ? AvroRecordValue<S['fields']>
              : S extends { readonly type: 'enum'; readonly symbols: readonly (infer Symbol)[] }
                ? Symbol
                : S extends { readonly type: 'fixed' }
                  ? Buffer
                  : S extends { readonly type: 'array'; readonly items: infer Items }
                    ? AvroValue<Items>[]
                    : S extends { readonly type: 'map'; readonly values: infer Values }
                      ? Record<string, AvroValue<Values>>
                      : S extends { readonly type: infer Wrapped }
                        ? AvroValue<Wrapped>
                        : unknown;

/** Every field is present: Avro always writes every field. */
type AvroRecordValue<Fields extends readonly unknown[]> = {
  -readonly [
    Field in Fields[number] as Field extends { readonly name: infer Name extends string } ? Name : never
  ]: Field extends { readonly type: infer Type } ? AvroValue<Type> : never;
};
