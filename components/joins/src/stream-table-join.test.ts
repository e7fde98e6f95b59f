import { createMemoryWindowStateStore } from '@fp/windowing/testing';
import { describe, expect, it } from 'vitest';
import { createStreamTableJoin, type StreamTableJoinOptions } from './stream-table-join';
import { createVersionedTable } from './versioned-table';

function setup(mode: 'latest' | 'point-in-time', joinType: 'inner' | 'left' = 'inner', retentionMs = 10) {
  const tableStore = createMemoryWindowStateStore({ structuredClone: true });
  const store = createMemoryWindowStateStore({ structuredClone: true });
  const buildTable = () => createVersionedTable<string>({ retentionMs, store: tableStore });
  const table = buildTable();
  const build = (t = table) =>
    createStreamTableJoin({
      table: t,
      mode,
      joinType,
      store,
      joiner: (record: string, row: string | null) => `${record}+${row ?? 'null'}`,
    } as StreamTableJoinOptions<string, string, string>);
  return { table, join: build(), build, buildTable, store, tableStore };
}

describe('createStreamTableJoin(): latest', () => {
  it('joins each record at once with the version of the greatest timestamp', () => {
    const { table, join } = setup('latest');
    table.upsert('k', 20, 'v20');
    table.upsert('k', 10, 'v10');
    expect(join.add('k', 5, 'r')).toEqual({
      status: 'accepted',
      joined: [{ key: 'k', timestampMs: 5, value: 'r+v20' }],
    });
  });

  it('does not change a record’s result when the table changes afterwards', () => {
    const { table, join } = setup('latest');
    table.upsert('k', 10, 'before');
    expect(join.add('k', 10, 'r').joined.map((j) => j.value)).toEqual(['r+before']);
    table.upsert('k', 11, 'after');
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY)).toEqual([]);
    expect(join.add('k', 12, 'r2').joined.map((j) => j.value)).toEqual(['r2+after']);
  });

  it('drops a record without a row in an inner join and pads it with null in a left join', () => {
    expect(setup('latest', 'inner').join.add('k', 1, 'r').joined).toEqual([]);
    expect(
      setup('latest', 'left')
        .join.add('k', 1, 'r')
        .joined.map((j) => j.value),
    ).toEqual(['r+null']);
  });
});

describe('createStreamTableJoin(): point-in-time', () => {
  it('waits until the watermark reaches the record’s time, then joins the version valid then', () => {
    const { table, join } = setup('point-in-time');
    table.upsert('k', 5, 'v5');
    expect(join.add('k', 20, 'r').joined).toEqual([]);
    expect(join.advanceWatermark(19)).toEqual([]);
    expect(join.pendingRecordCount()).toBe(1);
    expect(join.advanceWatermark(20)).toEqual([{ key: 'k', timestampMs: 20, value: 'r+v5' }]);
    expect(join.pendingRecordCount()).toBe(0);
  });

  it.each([
    { versionMs: 20, expected: 'r+v' },
    { versionMs: 21, expected: 'r+older' },
  ])('applies a version at $versionMs to a record at 20: $expected', ({ versionMs, expected }) => {
    const { table, join } = setup('point-in-time');
    table.upsert('k', 0, 'older');
    join.add('k', 20, 'r');
    table.upsert('k', versionMs, 'v'); // arrives after the record, before the watermark passes it
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY).map((j) => j.value)).toEqual([expected]);
  });

  it('does not change a record’s result when the table changes after it was joined', () => {
    const { table, join } = setup('point-in-time', 'inner', 100);
    table.upsert('k', 0, 'v0');
    join.add('k', 10, 'r');
    expect(join.advanceWatermark(10).map((j) => j.value)).toEqual(['r+v0']);
    expect(table.upsert('k', 10, 'too late').status).toBe('late'); // counted by the caller, result unchanged
    table.upsert('k', 11, 'v11');
    expect(join.advanceWatermark(Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('joins at once a record behind the watermark but within retention, and reports one below the horizon late', () => {
    const { table, join } = setup('point-in-time', 'inner', 10);
    table.upsert('k', 0, 'v0');
    join.advanceWatermark(50); // horizon 40
    expect(join.add('k', 40, 'at horizon').joined).toEqual([{ key: 'k', timestampMs: 40, value: 'at horizon+v0' }]);
    expect(join.add('k', 39, 'below horizon')).toEqual({ status: 'late', joined: [] });
  });

  it('pads a record with no valid row with null in a left join, and drops it in an inner join', () => {
    for (const [joinType, expected] of [
      ['left', ['r+null']],
      ['inner', []],
    ] as const) {
      const { table, join } = setup('point-in-time', joinType);
      table.upsert('k', 30, 'too new');
      join.add('k', 20, 'r');
      expect(join.advanceWatermark(Number.POSITIVE_INFINITY).map((j) => j.value)).toEqual(expected);
    }
  });

  it('joins a deleted row as missing', () => {
    const { table, join } = setup('point-in-time', 'left');
    table.upsert('k', 0, 'v0');
    table.upsert('k', 10, null);
    join.add('k', 10, 'r');
    expect(join.advanceWatermark(10).map((j) => j.value)).toEqual(['r+null']);
  });

  it('emits waiting records by ascending time and advances the table only after the lookups', () => {
    const { table, join } = setup('point-in-time', 'inner', 0);
    table.upsert('k', 0, 'v0');
    table.upsert('k', 100, 'v100');
    join.add('k', 50, 'r50');
    join.add('k', 10, 'r10');
    // The jump puts both records below the new horizon (1000): they must be joined before the trim.
    expect(join.advanceWatermark(1_000).map((j) => j.value)).toEqual(['r10+v0', 'r50+v0']);
    expect(table.versions('k').map((v) => v.value)).toEqual(['v100']);
  });

  it('continues after a restart: waiting records and the watermark come back from the stores', () => {
    const first = setup('point-in-time');
    first.table.upsert('k', 0, 'v0');
    first.join.add('k', 30, 'r');
    first.join.advanceWatermark(20);

    const table = first.buildTable();
    table.restore(first.tableStore.keys());
    const restarted = first.build(table);
    restarted.restore(first.store.keys());
    expect(restarted.watermarkMs()).toBe(20);
    expect(restarted.add('k', 5, 'below horizon').status).toBe('late');
    expect(restarted.advanceWatermark(30).map((j) => j.value)).toEqual(['r+v0']);
  });
});

describe('createStreamTableJoin(): bad options', () => {
  it('lists every bad option at once with JOINS_INVALID_OPTIONS', () => {
    expect(() =>
      createStreamTableJoin({
        table: {} as never,
        mode: 'point-in-time',
        joinType: 'right' as 'inner',
        joiner: (record: string, row: string) => record + row,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'JOINS_INVALID_OPTIONS',
        message: expect.stringMatching(/table must be a VersionedTable.*joinType.*store must be a JoinStateStore/),
      }),
    );
  });

  it('needs no store in latest mode', () => {
    const table = createVersionedTable<string>({ retentionMs: 0, store: createMemoryWindowStateStore() });
    expect(() =>
      createStreamTableJoin({ table, mode: 'latest', joinType: 'inner', joiner: (r: string, row: string) => r + row }),
    ).not.toThrow();
  });
});
