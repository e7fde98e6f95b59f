import type { ArchivedRow } from '@fp/offline-store';
import { describe, expect, it } from 'vitest';
import { PartitionBuffer } from './partition-buffer';

const row = (offset: bigint) => ({ offset }) as unknown as ArchivedRow<unknown>;

describe('PartitionBuffer', () => {
  it('spans every consumed offset across batches, rows or not, and empties when taken', () => {
    const buffer = new PartitionBuffer<unknown>('t', 2);
    expect(buffer.take()).toBeUndefined();
    buffer.add(10n, 12n, [row(10n), row(12n)], 1_000);
    buffer.add(13n, 20n, [], 1_500);
    expect(buffer.rowCount).toBe(2);
    expect(buffer.ageMs(3_000)).toBe(2_000);
    expect(buffer.take()).toEqual({
      topic: 't',
      partition: 2,
      firstOffset: 10n,
      lastOffset: 20n,
      rows: [row(10n), row(12n)],
    });
    expect(buffer.isEmpty).toBe(true);
    expect(buffer.ageMs(3_000)).toBe(0);
    buffer.add(21n, 21n, [row(21n)], 4_000);
    expect(buffer.take()).toMatchObject({ firstOffset: 21n, lastOffset: 21n });
  });
});
