import { stringSerde } from '@fp/serdes';
import { describe, expect, it } from 'vitest';
import { windowedKeySerde } from './windowed-key-serde';

describe('windowedKeySerde()', () => {
  const serde = windowedKeySerde(stringSerde);

  it('round-trips key and window bounds, including negative and large epoch values', () => {
    for (const window of [
      { startMs: 0, endMs: 600_000 },
      { startMs: -60_000, endMs: 0 },
      { startMs: 1_700_000_000_000, endMs: 1_700_000_600_000 },
    ]) {
      expect(serde.deserialize(serde.serialize({ key: 'card-42', window }))).toEqual({ key: 'card-42', window });
    }
  });

  it('writes the key bytes first, then start and end as big-endian int64', () => {
    const bytes = serde.serialize({ key: 'k', window: { startMs: 1, endMs: 2 } });
    expect([...bytes]).toEqual([0x6b, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
  });

  it('rejects fewer than 16 bytes', () => {
    expect(() => serde.deserialize(Buffer.alloc(15))).toThrow(/at least 16 bytes, got 15/);
  });
});
