/**
 * @fp/kafka-source: Kafka consumer-group source: batches of records with manual offsets, seek,
 * pause/resume, rebalance callbacks and bounded reads.
 *
 * `createKafkaSource` is a consumer-group member for streaming runs; `createBoundedKafkaSource`
 * reads fixed offset/timestamp ranges for batch runs. Both hand raw bytes to a handler (the
 * runtime); decoding is the runtime's job, with serdes and the dead-letter policy.
 */
export { createBoundedKafkaSource } from './create-bounded-kafka-source';
export type {
  BoundedEnd,
  BoundedKafkaSource,
  BoundedKafkaSourceOptions,
  BoundedReadSummary,
  BoundedStart,
  PartitionRange,
} from './create-bounded-kafka-source';
export { createKafkaSource } from './create-kafka-source';
export type { KafkaSource, KafkaSourceOptions, StartPosition } from './create-kafka-source';
export { KafkaSourceError, kafkaSourceErrorCodes } from './errors';
export type { KafkaSourceErrorCode } from './errors';
export type { RawRecord, RawRecordBatch, TopicPartition, TopicPartitionOffset } from './raw-record';
