import { Partitioners, type PartitionerArgs } from 'kafkajs';

const javaCompatible = Partitioners.DefaultPartitioner();

/**
 * The partition the sink's producer (and Java's default partitioner, and Kafka Streams) picks for a
 * non-null key: `toPositive(murmur2(keyBytes)) % partitionCount`, over all partitions whether or not
 * they have a leader. This is kafkajs' own `DefaultPartitioner`, called the way the producer calls it.
 */
export function partitionForKey(key: Buffer | string, partitionCount: number): number {
  const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  const args: PartitionerArgs = { topic: 'partition-for-key', partitionMetadata, message: { key, value: null } };
  return javaCompatible(args);
}
