import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionForKey } from './partition-for-key';

/**
 * Java's `org.apache.kafka.common.utils.Utils.murmur2`, transcribed independently of kafkajs
 * (32-bit signed arithmetic via Math.imul and `| 0`, `>>>` for Java's unsigned shift).
 */
function javaMurmur2(data: Buffer): number {
  const length = data.length;
  const seed = 0x9747b28c | 0;
  const m = 0x5bd1e995;
  const r = 24;
  let h = seed ^ length;
  const length4 = Math.floor(length / 4);
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k =
      ((data[i4] as number) & 0xff) +
      (((data[i4 + 1] as number) & 0xff) << 8) +
      (((data[i4 + 2] as number) & 0xff) << 16) +
      (((data[i4 + 3] as number) & 0xff) << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length & ~3;
  const remaining = length % 4;
  // Java's switch falls through from case 3 to case 1.
  if (remaining >= 3) {
    h ^= ((data[tail + 2] as number) & 0xff) << 16;
  }
  if (remaining >= 2) {
    h ^= ((data[tail + 1] as number) & 0xff) << 8;
  }
  if (remaining >= 1) {
    h ^= (data[tail] as number) & 0xff;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** Java's `Utils.toPositive(murmur2(keyBytes)) % numPartitions` (BuiltInPartitioner.partitionForKey). */
function javaPartition(key: Buffer, partitionCount: number): number {
  return (javaMurmur2(key) & 0x7fffffff) % partitionCount;
}

describe('javaMurmur2 (the reference used below)', () => {
  // Vectors from Kafka's own UtilsTest.testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j to %d as Java does', (key, expected) => {
    expect(javaMurmur2(Buffer.from(key))).toBe(expected);
  });
});

describe('partitionForKey()', () => {
  it.each([
    // key, partitions, partition computed by hand from the vectors above: toPositive(h) % n
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
