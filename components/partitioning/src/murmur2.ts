import { PartitioningError } from './errors';

/** Seed of Kafka's `Utils.murmur2`. */
const MURMUR2_SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/**
 * Kafka's murmur2 of a key's bytes, as a signed 32-bit int, bit-for-bit equal to the Java
 * client's `org.apache.kafka.common.utils.Utils.murmur2`.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (MURMUR2_SEED ^ length) | 0;
  const fullWords = length >>> 2;
  // Uint8Array reads are bytes already; `?? 0` only satisfies noUncheckedIndexedAccess.
  for (let i = 0; i < fullWords; i++) {
    const offset = i * 4;
    let k =
      (data[offset] ?? 0) |
      ((data[offset + 1] ?? 0) << 8) |
      ((data[offset + 2] ?? 0) << 16) |
      ((data[offset + 3] ?? 0) << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = fullWords * 4;
  const remaining = length & 3;
  if (remaining === 3) h ^= (data[tail + 2] ?? 0) << 16;
  if (remaining >= 2) h ^= (data[tail + 1] ?? 0) << 8;
  if (remaining >= 1) {
    h ^= data[tail] ?? 0;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * The partition the Java client's default partitioner (and kafkajs' `DefaultPartitioner`) picks
 * for a non-null key: `toPositive(murmur2(keyBytes)) % numPartitions`.
 *
 * @throws PartitioningError `PARTITIONING_INVALID_OPTIONS` when numPartitions is not a positive integer
 */
export function partitionForKey(keyBytes: Uint8Array, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new PartitioningError(
      'PARTITIONING_INVALID_OPTIONS',
      `numPartitions must be a positive integer, got ${numPartitions}`,
    );
  }
  return (murmur2(keyBytes) & 0x7fffffff) % numPartitions;
}
