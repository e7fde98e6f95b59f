import { createMemoryWindowStateStore } from '@fp/windowing/testing';
import { describe, expect, it } from 'vitest';
import { createVersionedTable } from './versioned-table';

function setup(retentionMs = 10) {
  const store = createMemoryWindowStateStore({ structuredClone: true });
  const build = () => createVersionedTable<string>({ retentionMs, store });
  return { table: build(), build, store };
}

describe('createVersionedTable(): lookups', () => {
  it.each([
    { atMs: 9, expected: undefined },
    { atMs: 10, expected: 'A' },
    { atMs: 19, expected: 'A' },
    { atMs: 20, expected: 'B' },
    { atMs: 1_000, expected: 'B' },
  ])('returns the latest version at or before $atMs: $expected', ({ atMs, expected }) => {
    const { table } = setup();
    table.upsert('k', 20, 'B'); // out of order on purpose
    table.upsert('k', 10, 'A');
    expect(table.lookup('k', atMs)).toBe(expected);
    expect(table.lookup('other', atMs)).toBeUndefined();
  });

  it('replaces a version upserted again at the same timestamp', () => {
    const { table } = setup();
    table.upsert('k', 10, 'first');
    table.upsert('k', 10, 'second');
    expect(table.versions('k')).toEqual([{ timestampMs: 10, value: 'second' }]);
  });

  it('treats null as a deletion from its timestamp on', () => {
    const { table } = setup();
    table.upsert('k', 10, 'A');
    table.upsert('k', 20, null);
    table.upsert('k', 30, 'C');
    expect([15, 20, 25, 30].map((atMs) => table.lookup('k', atMs))).toEqual(['A', undefined, undefined, 'C']);
  });

  it('gives as latest the version with the greatest timestamp, not the last upserted', () => {
    const { table } = setup();
    table.upsert('k', 20, 'newest');
    table.upsert('k', 10, 'older, arrived last');
    expect(table.latest('k')).toBe('newest');
    table.upsert('k', 30, null);
    expect(table.latest('k')).toBeUndefined();
  });
});

describe('createVersionedTable(): retention', () => {
  // retention 10: the horizon is watermark - 10
  it('keeps the latest version at or before the horizon, so a lookup at the horizon still works', () => {
    const { table } = setup();
    table.upsert('k', 0, 'A');
    table.upsert('k', 20, 'B');
    table.upsert('k', 30, 'C');
    table.advanceWatermark(29); // horizon 19: A is valid there
    expect(table.versions('k').map((v) => v.value)).toEqual(['A', 'B', 'C']);
    expect(table.lookup('k', 19)).toBe('A');
    table.advanceWatermark(30); // horizon 20: B is valid there, A cannot be needed
    expect(table.versions('k').map((v) => v.value)).toEqual(['B', 'C']);
    expect(table.lookup('k', 20)).toBe('B');
  });

  it('answers nothing below the horizon, where history is gone', () => {
    const { table } = setup();
    table.upsert('k', 0, 'A');
    table.advanceWatermark(100);
    expect(table.horizonMs()).toBe(90);
    expect(table.lookup('k', 90)).toBe('A');
    expect(table.lookup('k', 89)).toBeUndefined();
  });

  it('deletes a key whose last version is a tombstone behind the horizon', () => {
    const { table, store } = setup();
    table.upsert('k', 0, 'A');
    table.upsert('k', 5, null);
    table.advanceWatermark(14); // horizon 4
    expect(table.versions('k')).toHaveLength(2);
    table.advanceWatermark(15); // horizon 5
    expect(table.versions('k')).toEqual([]);
    expect(store.keys()).toEqual(['\u0000watermark']);
  });

  it('reports an upsert at or behind the watermark as late but keeps it for later lookups', () => {
    const { table } = setup();
    table.advanceWatermark(50);
    expect(table.upsert('k', 51, 'on time').status).toBe('accepted');
    expect(table.upsert('k', 45, 'late').status).toBe('late');
    expect(table.lookup('k', 46)).toBe('late');
  });

  it('drops at once a late upsert superseded below the horizon', () => {
    const { table } = setup();
    table.upsert('k', 20, 'B');
    table.advanceWatermark(50); // horizon 40
    expect(table.upsert('k', 10, 'too old').status).toBe('late');
    expect(table.versions('k').map((v) => v.value)).toEqual(['B']);
  });
});

describe('createVersionedTable(): restore', () => {
  it('continues from the store after a restart: versions, watermark and clean-up', () => {
    const first = setup();
    first.table.upsert('k', 0, 'A');
    first.table.upsert('k', 20, 'B');
    first.table.advanceWatermark(25);

    const restarted = first.build();
    restarted.restore(first.store.keys());
    expect(restarted.watermarkMs()).toBe(25);
    expect(restarted.lookup('k', 15)).toBe('A');
    restarted.advanceWatermark(30); // horizon 20
    expect(restarted.versions('k').map((v) => v.value)).toEqual(['B']);
  });

  it('rejects a store key it did not write with JOINS_STATE_CORRUPT', () => {
    const { table } = setup();
    expect(() => table.restore(['k\u000012'])).toThrow(expect.objectContaining({ code: 'JOINS_STATE_CORRUPT' }));
  });
});

describe('createVersionedTable(): bad input', () => {
  it('rejects a negative retention and a missing store with JOINS_INVALID_OPTIONS', () => {
    expect(() => createVersionedTable({ retentionMs: -1, store: undefined as never })).toThrow(
      expect.objectContaining({ code: 'JOINS_INVALID_OPTIONS', message: expect.stringMatching(/retentionMs.*store/) }),
    );
  });

  it('rejects a version timestamp that is not finite with JOINS_INVALID_TIMESTAMP', () => {
    const { table } = setup();
    expect(() => table.upsert('k', Number.NaN, 'A')).toThrow(
      expect.objectContaining({ code: 'JOINS_INVALID_TIMESTAMP' }),
    );
  });
});
