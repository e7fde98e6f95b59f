/**
 * @fp/serdes: encodes and decodes keys and values, synchronously, for the hot path.
 *
 * `Serde<T>` has a sync `serialize`/`deserialize` and an optional async `prepare(payloads)` the
 * runtime calls once per batch (a registry-backed serde fetches unknown writer schemas there).
 * Formats: JSON validated by zod, raw Avro, Confluent-framed Avro with schema resolution, and
 * primitive key serdes. A record that cannot be decoded throws `SerdesError` with domain `data`
 * (the runtime applies its dead-letter policy); `withRecordContext` adds topic, partition, offset
 * and step. This brick does no I/O: registry access is injected (`fetchWriterSchema`).
 */
export { avroSerde } from './avro-serde';
export { bigintSerde, bytesSerde, numberSerde, stringSerde } from './primitive-serdes';
export { confluentAvroSerde } from './confluent-avro-serde';
export { jsonKeySerde, jsonSerde } from './json-serde';
export { SerdesError, serdesErrorCodes, withRecordContext } from './errors';
export { zodFromAvro } from './zod-from-avro';

export type { AvroSchema } from './avro-type';
export type { AvroValue } from './avro-value';
export type { ConfluentAvroSerdeOptions } from './confluent-avro-serde';
export type { RecordContext, SerdesErrorCode, SerdesErrorOptions } from './errors';
export type { Serde } from './types';
