import type { Kafka } from 'kafkajs';

/** A group's lag on every partition of `topics`, in order: end offsets less committed offsets (none counts as 0). */
export async function committedLag(kafka: Kafka, group: string, topics: readonly string[]): Promise<number[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const lags: number[] = [];
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      for (const { partition, high } of ends) {
        const offset = committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
        lags.push(Number(high) - Math.max(Number(offset), 0));
      }
    }
    return lags;
  } finally {
    await admin.disconnect();
  }
}
