/**
 * @fp/kafka-sink: Kafka producer sink: batched, idempotent, Java-compatible partitioning, flush and transactions.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { KafkaSinkError, kafkaSinkErrorCodes } from './errors';
export type { KafkaSinkErrorCode } from './errors';
