import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './murmur2';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('murmur2()', () => {
  // Vectors from Kafka's own UtilsTest.testMurmur2 (clients/src/test/java/.../UtilsTest.java).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j like the Java client (%d)', (key, expected) => {
    expect(murmur2(bytes(key))).toBe(expected);
  });

  it('hashes every tail length 0..3 deterministically and differently', () => {
    const hashes = ['', 'a', 'ab', 'abc'].map((key) => murmur2(bytes(key)));
    expect(new Set(hashes).size).toBe(4);
    expect(hashes[0]).toBe(murmur2(new Uint8Array(0)));
  });
});

describe('partitionForKey()', () => {
  it('masks the sign bit before the modulo, as Utils.toPositive does', () => {
    // murmur2("21") is negative: -973932308 & 0x7fffffff = 1173551340; 1173551340 % 6 = 0.
    expect(partitionForKey(bytes('21'), 6)).toBe(1173551340 % 6);
  });

  it.each([0, -1, 1.5])('rejects numPartitions = %d with PARTITIONING_INVALID_OPTIONS', (numPartitions) => {
    expect(() => partitionForKey(bytes('k'), numPartitions)).toThrow(/numPartitions must be a positive integer/);
  });

  it('always lands in [0, numPartitions)', () => {
    for (let n = 0; n < 500; n++) {
      const partition = partitionForKey(bytes(`card-${n}`), 7);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(7);
    }
  });
});
