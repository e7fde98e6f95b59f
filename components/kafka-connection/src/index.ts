/**
 * @fp/kafka-connection: Kafka connection settings (brokers, client id, SSL, SASL) turned into kafkajs clients, with secrets kept out of logs and errors.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { KafkaConnectionError, kafkaConnectionErrorCodes } from './errors';
export type { KafkaConnectionErrorCode } from './errors';
