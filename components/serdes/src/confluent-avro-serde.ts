import avro from 'avsc';
import { createAvroEncoder } from './avro-encoder';
import { avroDecodeError, avroEncodeError, toAvroType, type AvroSchema } from './avro-type';
import { SerdesError } from './errors';
import type { Serde } from './types';

/** Confluent wire format: magic byte 0, then the writer schema id as a 4-byte big-endian int. */
const MAGIC_BYTE = 0;
const SCHEMA_ID_OFFSET = 1;
const HEADER_BYTES = 5;

export interface ConfluentAvroSerdeOptions {
  /** The schema this pipeline reads into and writes with. */
  readonly readerSchema: AvroSchema;
  /** Registry id of `readerSchema`: written in the header of every encoded record. */
  readonly schemaId: number;
  /**
   * Synchronous lookup of a writer schema by registry id, consulted before the schemas `prepare`
   * fetched: a static table, or a cache the caller fills. `undefined` when it does not know the id.
   */
  readonly resolveWriter?: (schemaId: number) => AvroSchema | undefined;
  /**
   * Fetches a writer schema the serde has not seen (the registry client's lookup), called by
   * `prepare` at most once per id. Resolves `undefined` when no such id exists; rejects when the
   * registry cannot answer. Without it, the serde has no `prepare` and knows only `schemaId` and
   * what `resolveWriter` returns.
   */
  readonly fetchWriterSchema?: (schemaId: number) => Promise<AvroSchema | undefined>;
}

type Reading =
  { readonly resolver: avro.Resolver | undefined } | { readonly incompatible: string; readonly cause: unknown };

/**
 * Avro in the Confluent wire format, with schema resolution: each record names the schema it was
 * written with, and is read into `readerSchema` through an avsc resolver (cached per writer id),
 * so a reader reads data from older or newer compatible writers (a field the reader added is
 * filled from its default; a field the reader does not know is skipped).
 *
 * Encoding always writes `readerSchema` under `schemaId`.
 *
 * @throws SerdesError `SERDES_INVALID_OPTIONS` at construction; on decode (domain `data`)
 *         `SERDES_AVRO_TRUNCATED`, `SERDES_AVRO_WRONG_MAGIC_BYTE`, `SERDES_UNKNOWN_SCHEMA_ID`,
 *         `SERDES_INCOMPATIBLE_SCHEMA`, `SERDES_AVRO_CORRUPT`; on encode `SERDES_VALIDATION`
 * @example
 * const serde = confluentAvroSerde<Transaction>({ readerSchema, schemaId: 7, fetchWriterSchema: registry.fetchWriterSchema });
 * await serde.prepare?.(batch.map((m) => m.value));
 * const values = batch.map((m) => serde.deserialize(m.value));
 */
export function confluentAvroSerde<T>(options: ConfluentAvroSerdeOptions): Serde<T> {
  const { schemaId, resolveWriter, fetchWriterSchema } = options;
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0x7fff_ffff) {
    throw new SerdesError(
      'SERDES_INVALID_OPTIONS',
      `confluentAvroSerde: schemaId must be a registry id (an integer in [0, 2^31 - 1]), got ${String(schemaId)}`,
    );
  }
  const reader = toAvroType(options.readerSchema, 'confluentAvroSerde: readerSchema');
  const readings = new Map<number, Reading>([[schemaId, { resolver: undefined }]]);
  const fetched = new Map<number, AvroSchema>();
  const absent = new Set<number>();
  const inFlight = new Map<number, Promise<void>>();
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = MAGIC_BYTE;
  header.writeInt32BE(schemaId, SCHEMA_ID_OFFSET);
  const encode = createAvroEncoder(reader, header);

  function readingFor(writerId: number): Reading {
    const cached = readings.get(writerId);
    if (cached !== undefined) {
      return cached;
    }
    const writerSchema = resolveWriter?.(writerId) ?? fetched.get(writerId);
    if (writerSchema === undefined) {
      throw unknownSchemaId(writerId);
    }
    const reading = resolve(writerSchema);
    readings.set(writerId, reading);
    fetched.delete(writerId);
    return reading;
  }

  function resolve(writerSchema: AvroSchema): Reading {
    try {
      const writer =
        writerSchema instanceof avro.Type ? writerSchema : avro.Type.forSchema(writerSchema as avro.Schema);
      // Same canonical form = same bytes: read directly, which skips the resolver's indirection.
      return { resolver: reader.equals(writer) ? undefined : reader.createResolver(writer) };
    } catch (error) {
      return { incompatible: (error as Error).message, cause: error };
    }
  }

  function unknownSchemaId(writerId: number): SerdesError {
    const why = absent.has(writerId)
      ? 'the registry has no schema with this id'
      : fetchWriterSchema === undefined
        ? 'resolveWriter does not know it and no fetchWriterSchema was given'
        : 'it has not been fetched: the runtime must call prepare(payloads) before deserialize';
    return new SerdesError(
      'SERDES_UNKNOWN_SCHEMA_ID',
      `record written with schema id ${writerId}, which is unknown: ${why}`,
    );
  }

  function isKnown(writerId: number): boolean {
    return (
      readings.has(writerId) || fetched.has(writerId) || absent.has(writerId) || resolveWriter?.(writerId) !== undefined
    );
  }

  async function fetchOnce(fetch: (id: number) => Promise<AvroSchema | undefined>, writerId: number): Promise<void> {
    let pending = inFlight.get(writerId);
    if (pending === undefined) {
      pending = fetch(writerId)
        .then((schema) => {
          if (schema === undefined) {
            absent.add(writerId);
          } else {
            fetched.set(writerId, schema);
          }
        })
        .finally(() => inFlight.delete(writerId));
      inFlight.set(writerId, pending);
    }
    return pending;
  }

  const serde: Serde<T> = {
    serialize(value) {
      try {
        return encode(value);
      } catch (error) {
        throw avroEncodeError(reader, value, error);
      }
    },
    deserialize(bytes) {
      if (bytes.length < HEADER_BYTES) {
        throw new SerdesError(
          'SERDES_AVRO_TRUNCATED',
          `payload of ${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte Confluent header (magic byte + schema id)`,
        );
      }
      if (bytes[0] !== MAGIC_BYTE) {
        throw new SerdesError(
          'SERDES_AVRO_WRONG_MAGIC_BYTE',
          `payload starts with byte ${String(bytes[0])}, not the Confluent magic byte ${MAGIC_BYTE}: it is not Confluent-framed Avro (raw Avro or JSON?)`,
        );
      }
      const writerId = bytes.readInt32BE(SCHEMA_ID_OFFSET);
      const reading = readingFor(writerId);
      if ('incompatible' in reading) {
        throw new SerdesError(
          'SERDES_INCOMPATIBLE_SCHEMA',
          `record written with schema id ${writerId} cannot be read with the reader schema: ${reading.incompatible}`,
          { cause: reading.cause },
        );
      }
      let decoded: { value: unknown; offset: number };
      try {
        // decode() reads in place after the header; fromBuffer() would need a subarray per record.
        decoded = reader.decode(bytes, HEADER_BYTES, reading.resolver);
      } catch (error) {
        throw avroDecodeError(error, `payload written with schema id ${writerId}`);
      }
      if (decoded.offset !== bytes.length) {
        throw avroDecodeError(
          new Error(decoded.offset < 0 ? 'truncated buffer' : 'trailing data'),
          `payload written with schema id ${writerId}`,
        );
      }
      return decoded.value as T;
    },
  };
  if (fetchWriterSchema !== undefined) {
    serde.prepare = async (payloads) => {
      const unknown = new Set<number>();
      for (const payload of payloads) {
        // Payloads without a valid header are left for deserialize to reject, record by record.
        if (payload.length >= HEADER_BYTES && payload[0] === MAGIC_BYTE) {
          const writerId = payload.readInt32BE(SCHEMA_ID_OFFSET);
          if (!isKnown(writerId)) {
            unknown.add(writerId);
          }
        }
      }
      await Promise.all([...unknown].map((writerId) => fetchOnce(fetchWriterSchema, writerId)));
    };
  }
  return serde;
}
