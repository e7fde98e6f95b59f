import { describe, expect, it } from 'vitest';
import { partFileName, parsePartFileName, temporaryPathOf, utcDateOf, viewGlob } from './store-layout';

describe('store layout', () => {
  it('names part files by partition and offset range so they sort by offset, and reads the name back', () => {
    const part = { topic: 'a-b.c_1', partition: 12, firstOffset: 9n, lastOffset: 10n, index: 2, count: 3 };
    const name = partFileName(part);
    expect(name).toBe('part-a-b.c_1-12-00000000000000000009-00000000000000000010-2of3.parquet');
    expect(parsePartFileName(name)).toEqual(part);
    expect(partFileName({ ...part, firstOffset: 11n, lastOffset: 100n }) > name).toBe(true);
    expect(parsePartFileName('part-x-0-1-2.parquet')).toBeUndefined();
    expect(temporaryPathOf('/s/view=v/date=d/x.parquet')).toBe('/s/view=v/date=d/x.parquet.tmp');
  });

  it('partitions Hive-style by view and UTC day', () => {
    expect(utcDateOf(Date.UTC(2026, 0, 1, 23, 59, 59, 999))).toBe('2026-01-01');
    expect(viewGlob('/store', 'cards')).toBe('/store/view=cards/date=*/*.parquet');
  });
});
