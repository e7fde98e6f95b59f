import { describe, expect, it } from 'vitest';
import { parseTimeKeyMs, timeKey } from './time-key';

describe('timeKey()', () => {
  it('zero-pads the timestamp to 16 digits so keys sort by time', () => {
    expect(timeKey('w:', 1_700_000_000_000, ':card-42')).toBe('w:0001700000000000:card-42');
    const keys = [10_000, 9, 1_000_000, 0].map((timestampMs) => timeKey('w:', timestampMs));
    expect([...keys].sort().map((key) => parseTimeKeyMs('w:', key))).toEqual([0, 9, 10_000, 1_000_000]);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('rejects %s with KEYED_STATE_INVALID_ARGUMENT', (timestampMs) => {
    expect(() => timeKey('w:', timestampMs)).toThrow(expect.objectContaining({ code: 'KEYED_STATE_INVALID_ARGUMENT' }));
  });

  it('parses nothing from keys without the prefix or the digits', () => {
    expect(parseTimeKeyMs('w:', 'x:0000000000000001')).toBeUndefined();
    expect(parseTimeKeyMs('w:', 'w:12')).toBeUndefined();
  });
});
