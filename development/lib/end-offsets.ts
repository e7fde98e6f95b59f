import type { KafkaAdmin } from '@fp/kafka-admin';
import type { TopicPartitionOffset } from '@fp/kafka-source';

/** Where the next record of each partition of `topic` will go: the start of "what comes next". */
export async function endOffsets(admin: KafkaAdmin, topic: string): Promise<TopicPartitionOffset[]> {
  return (await admin.fetchEndOffsets(topic)).map(({ partition, offset }) => ({ topic, partition, offset }));
}
