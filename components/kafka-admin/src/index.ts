/**
 * @fp/kafka-admin: Kafka administration: ensure topics with configs, describe partitions, end
 * offsets and offsets for timestamps.
 *
 * The runtime creates its internal topics (repartition, compacted changelogs) with `ensureTopics`
 * and the bounded source captures end offsets with `fetchEndOffsets`.
 */
export { createKafkaAdmin } from './create-kafka-admin';
export type {
  EnsureTopicsResult,
  KafkaAdmin,
  KafkaAdminOptions,
  PartitionDescription,
  PartitionOffset,
  TopicPartitionOffset,
} from './create-kafka-admin';
export { KafkaAdminError, kafkaAdminErrorCodes } from './errors';
export type { KafkaAdminErrorCode } from './errors';
export { validateTopicSpecs } from './topic-spec';
export type { TopicSpec } from './topic-spec';
