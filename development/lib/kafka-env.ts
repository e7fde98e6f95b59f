import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { kafkaConnectionFromEnv, kafkaEnvShape, parseWorkerEnv } from '@fp/worker-ops';

/** The broker settings the workers read (KAFKA_BROKERS, KAFKA_SASL_*, ...), for a script named `clientId`. */
export function connectionFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaConnectionOptions {
  return kafkaConnectionFromEnv(parseWorkerEnv(kafkaEnvShape({ clientId }), env));
}
