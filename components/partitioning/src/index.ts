/**
 * @fp/partitioning: Kafka's default key partitioner, bit-for-bit compatible with the Java client
 * (`Utils.murmur2`, `toPositive(hash) % numPartitions`). The in-process test driver uses it to
 * place re-keyed records on the partitions the Kafka runtime's repartition topics would use.
 */
export { murmur2, partitionForKey } from './murmur2';
export { PartitioningError, partitioningErrorCodes } from './errors';
export type { PartitioningErrorCode } from './errors';
