/**
 * @fp/kafka-admin: Kafka administration: ensure topics with configs, describe partitions, end offsets and offsets for timestamps.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { KafkaAdminError, kafkaAdminErrorCodes } from './errors';
export type { KafkaAdminErrorCode } from './errors';
