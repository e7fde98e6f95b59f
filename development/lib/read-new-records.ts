import type { KafkaConnectionOptions } from '@fp/kafka-connection';
import { createBoundedKafkaSource, type RawRecord, type TopicPartitionOffset } from '@fp/kafka-source';

/**
 * Reads `topic` from `from` (offsets captured earlier, e.g. before a run wrote it) up to its
 * current end, so a script sees only what its own run produced on a shared topic.
 */
export async function readNewRecords(
  connection: KafkaConnectionOptions,
  topic: string,
  from: readonly TopicPartitionOffset[],
): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  await createBoundedKafkaSource({
    connection,
    topics: [topic],
    from: { offsets: from },
    handler: async (batch) => {
      records.push(...batch.records);
    },
  }).run();
  return records;
}
