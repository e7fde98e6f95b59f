import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionForKey as referencePartitionForKey } from '@fp/partitioning';
import { partitionForKey } from './partition-for-key';

/**
 * The reference: `@fp/partitioning`, which the in-process runtimes use for repartitioning and which
 * is checked against Kafka's own murmur2 test vectors. The producer must agree with it, or the
 * test driver and the Kafka runtime would place keys differently.
 */
function javaPartition(key: Buffer, partitionCount: number): number {
  return referencePartitionForKey(key, partitionCount);
}

describe('partitionForKey()', () => {
  it.each([
    // key, partitions, partition computed by hand from Kafka's UtilsTest murmur2 vectors: toPositive(h) % n
    ['foobar', 6, (-790332482 & 0x7fffffff) % 6],
    ['21', 12, (-973932308 & 0x7fffffff) % 12],
    ['abc', 3, 479470107 % 3],
  ])('puts key %j on the partition Java picks among %d', (key, partitions, expected) => {
    expect(partitionForKey(key, partitions)).toBe(expected);
  });

  it('agrees with the Java algorithm for card-number keys over 1..64 partitions', () => {
    for (let card = 4_000_000_000_000_000; card < 4_000_000_000_000_500; card += 7) {
      const key = Buffer.from(String(card));
      const partitions = (card % 64) + 1;
      expect(partitionForKey(key, partitions)).toBe(javaPartition(key, partitions));
    }
  });

  it('agrees with the Java algorithm for arbitrary byte keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 1000 }), (bytes, partitions) => {
        const key = Buffer.from(bytes);
        expect(partitionForKey(key, partitions)).toBe(javaPartition(key, partitions));
      }),
    );
  });

  it('treats a string key as its UTF-8 bytes', () => {
    expect(partitionForKey('zürich', 7)).toBe(javaPartition(Buffer.from('zürich', 'utf8'), 7));
  });
});
