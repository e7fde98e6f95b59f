import { createAvroEncoder } from './avro-encoder';
import { avroDecodeError, avroEncodeError, toAvroType, type AvroSchema } from './avro-type';
import type { Serde } from './types';

/**
 * Raw Avro binary, no framing: the payload is exactly one record written with `schema` (the
 * format of Hopsworks' card-transaction topic). Without a schema id in the payload there is no
 * schema resolution: writer and reader must use the same schema.
 *
 * Avro `long` decodes to a JS `number` and fails beyond +/-2^53 (`SERDES_AVRO_CORRUPT`); logical
 * types decode as their underlying type (`timestamp-millis` is a `number` of epoch ms).
 *
 * @throws SerdesError `SERDES_INVALID_OPTIONS` at construction for a schema avsc cannot parse;
 *         on decode `SERDES_AVRO_TRUNCATED` or `SERDES_AVRO_CORRUPT`; on encode `SERDES_VALIDATION`
 * @example
 * const serde = avroSerde<SourceTransaction>(sourceTransactionAvro);
 */
export function avroSerde<T>(schema: AvroSchema): Serde<T> {
  const type = toAvroType(schema, 'avroSerde(schema)');
  const encode = createAvroEncoder(type);
  return {
    serialize(value) {
      try {
        return encode(value);
      } catch (error) {
        throw avroEncodeError(type, value, error);
      }
    },
    deserialize(bytes) {
      try {
        return type.fromBuffer(bytes) as T;
      } catch (error) {
        throw avroDecodeError(error, `payload of ${bytes.length} bytes`);
      }
    },
  };
}
