import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './duration';
import { OfflineStoreError } from './errors';

describe('parseDurationMs', () => {
  it('reads an integer and a unit', () => {
    expect(['500ms', '30s', '10m', '2h', '7d'].map(parseDurationMs)).toEqual([
      500, 30_000, 600_000, 7_200_000, 604_800_000,
    ]);
  });

  it('refuses anything else, saying what it expects', () => {
    for (const text of ['10', '1.5h', '-1m', 'ten minutes']) {
      expect(() => parseDurationMs(text)).toThrow(OfflineStoreError);
    }
    expect(() => parseDurationMs('10')).toThrow(/integer and a unit/);
  });
});
