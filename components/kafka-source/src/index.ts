/**
 * @fp/kafka-source: Kafka consumer-group source: batches of records with manual offsets, seek, pause/resume, rebalance callbacks and bounded reads.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { KafkaSourceError, kafkaSourceErrorCodes } from './errors';
export type { KafkaSourceErrorCode } from './errors';
