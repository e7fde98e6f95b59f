import type { KafkaAdmin } from '@fp/kafka-admin';
import { KafkaRuntimeError } from './errors';

/** Partition count of every input topic, failing clearly when one does not exist. */
export async function fetchPartitionCounts(admin: KafkaAdmin, topics: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const missing: string[] = [];
  for (const topic of new Set(topics)) {
    try {
      counts.set(topic, (await admin.describePartitions(topic)).length);
    } catch (error) {
      missing.push(`${topic} (${(error as Error).message})`);
    }
  }
  if (missing.length > 0) {
    throw new KafkaRuntimeError(
      'KAFKA_RUNTIME_MISSING_TOPIC',
      `input topics cannot be described: ${missing.join('; ')}; create them first`,
    );
  }
  return counts;
}
