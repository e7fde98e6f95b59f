import { describe, expect, it } from 'vitest';
import { replacesLatest, storedRowCodec, type StoredRow } from './stored-row';

const row: StoredRow = {
  rowJson: '{"cc_num":42,"name":"Zoë"}',
  partition: 7,
  offset: '9007199254740993',
  eventTimeMs: 1_700_000_000_000,
  availableAtMs: 1_700_000_060_001,
  writtenAtMs: 1_700_000_100_000.5,
};

describe('storedRowCodec', () => {
  it('round-trips every field, 64-bit offsets and non-ASCII rows included', () => {
    expect(storedRowCodec.decode(storedRowCodec.encode(row))).toEqual(row);
  });

  it('encodes after reserved bytes exactly what encode gives, for keyed-state to put its header there', () => {
    const encodeAfter = storedRowCodec.encodeAfter;
    expect(encodeAfter).toBeDefined();
    const bytes = encodeAfter?.(row, 9) ?? Buffer.alloc(0);
    expect(bytes.subarray(9)).toEqual(storedRowCodec.encode(row));
  });

  it('rejects bytes too short to be a stored row', () => {
    expect(() => storedRowCodec.decode(Buffer.alloc(10))).toThrow(/too short/);
  });
});

describe('replacesLatest', () => {
  it('prefers the row available last, and on a tie the one read last', () => {
    expect(replacesLatest(undefined, row)).toBe(true);
    expect(replacesLatest(row, { ...row, availableAtMs: row.availableAtMs - 1 })).toBe(false);
    expect(replacesLatest(row, { ...row, availableAtMs: row.availableAtMs + 1 })).toBe(true);
    expect(replacesLatest(row, { ...row, offset: '1' })).toBe(true);
  });
});
