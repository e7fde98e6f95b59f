/**
 * @fp/kafka-sink: Kafka producer sink: batched, idempotent, Java-compatible partitioning, flush and
 * transactions.
 *
 * `send(record)` never waits: records are batched by size and linger time; `flush()` resolves when
 * everything sent so far is acknowledged (the runtime's checkpoint step 1) and rejects on failure.
 */
export { createKafkaSink } from './create-kafka-sink';
export type { KafkaSink, KafkaSinkOptions } from './create-kafka-sink';
export {
  createTransactionalKafkaSink,
  DEFAULT_TRANSACTION_TIMEOUT_MS,
  transactionalIdFor,
} from './create-transactional-kafka-sink';
export type {
  ConsumedOffset,
  TransactionalKafkaSink,
  TransactionalKafkaSinkOptions,
} from './create-transactional-kafka-sink';
export { KafkaSinkError, kafkaSinkErrorCodes } from './errors';
export type { KafkaSinkErrorCode } from './errors';
export {
  DEFAULT_LINGER_MS,
  DEFAULT_MAX_PARTITION_BATCH_BYTES,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_MAX_BATCH_RECORDS,
  DEFAULT_SEND_RETRIES,
  SINK_COMPRESSIONS,
} from './kafka-producer-config';
export type { SinkBatchingOptions, SinkCompression } from './kafka-producer-config';
export { partitionForKey } from './partition-for-key';
export { createRecordBatcher } from './record-batcher';
export type { BatchTransport, RecordBatcher, RecordBatcherOptions, Scheduler } from './record-batcher';
export type { SinkRecord } from './sink-record';
