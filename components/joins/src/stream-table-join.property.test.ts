import { createMemoryWindowStateStore } from '@fp/windowing/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamTableJoin, type StreamTableJoin } from './stream-table-join';
import { createVersionedTable, type VersionedTable } from './versioned-table';

const OUT_OF_ORDERNESS_MS = 6;

type Event =
  | { readonly kind: 'record'; readonly key: string; readonly timestampMs: number; readonly id: string }
  | { readonly kind: 'version'; readonly key: string; readonly timestampMs: number; readonly value: string | null };

const keys = fc.constantFrom('a', 'b');

/** Table versions (one per key and timestamp, some deletions) and stream records, interleaved, each late by at most the bound. */
const arrivals = fc
  .record({
    versions: fc.uniqueArray(
      fc.record({
        key: keys,
        timestampMs: fc.integer({ min: 0, max: 50 }),
        isDeletion: fc.boolean(),
        delayMs: fc.integer({ min: 0, max: OUT_OF_ORDERNESS_MS }),
      }),
      { selector: (v) => `${v.key}@${v.timestampMs}`, maxLength: 20 },
    ),
    records: fc.array(
      fc.record({
        key: keys,
        timestampMs: fc.integer({ min: 0, max: 60 }),
        delayMs: fc.integer({ min: 0, max: OUT_OF_ORDERNESS_MS }),
      }),
      { maxLength: 25 },
    ),
  })
  .map(({ versions, records }) =>
    [
      ...versions.map((v, at) => ({
        event: {
          kind: 'version',
          key: v.key,
          timestampMs: v.timestampMs,
          value: v.isDeletion ? null : `v${at}`,
        } as Event,
        arrivalMs: v.timestampMs + v.delayMs,
      })),
      ...records.map((r, at) => ({
        event: { kind: 'record', key: r.key, timestampMs: r.timestampMs, id: `r${at}` } as Event,
        arrivalMs: r.timestampMs + r.delayMs,
      })),
    ]
      .sort((x, y) => x.arrivalMs - y.arrivalMs)
      .map(({ event }) => event),
  );

/** For each record, the value of the key's latest version at or before its time, over all versions. */
function bruteForce(events: readonly Event[], isLeftJoin: boolean): string[] {
  const results: string[] = [];
  for (const record of events) {
    if (record.kind !== 'record') continue;
    let valid: { timestampMs: number; value: string | null } | undefined;
    for (const version of events) {
      if (version.kind !== 'version' || version.key !== record.key || version.timestampMs > record.timestampMs)
        continue;
      if (valid === undefined || version.timestampMs > valid.timestampMs) valid = version;
    }
    const value = valid?.value ?? null;
    if (value !== null || isLeftJoin) results.push(`${record.id}+${value ?? 'null'}@${record.timestampMs}`);
  }
  return results.sort();
}

describe('createStreamTableJoin() point-in-time against a brute-force join (property)', () => {
  it('equals the brute-force point-in-time join when both inputs are out of order within the bound', () => {
    fc.assert(
      fc.property(
        arrivals,
        fc.boolean(),
        fc.integer({ min: 0, max: 10 }),
        fc.uniqueArray(fc.nat(45)),
        (events, isLeftJoin, retentionMs, restarts) => {
          const tableStore = createMemoryWindowStateStore({ structuredClone: true });
          const store = createMemoryWindowStateStore({ structuredClone: true });
          const build = (): { table: VersionedTable<string>; join: StreamTableJoin<Event, string> } => {
            const table = createVersionedTable<string>({ retentionMs, store: tableStore });
            table.restore(tableStore.keys());
            const join = createStreamTableJoin<Event, string, string>({
              table,
              mode: 'point-in-time',
              joinType: isLeftJoin ? 'left' : 'inner',
              store,
              joiner: (record: Event, row: string | null) =>
                `${record.kind === 'record' ? record.id : '?'}+${row ?? 'null'}`,
            });
            join.restore(store.keys());
            return { table, join };
          };
          let { table, join } = build();
          const restartAt = new Set(restarts);
          const results: string[] = [];
          const lateness: string[] = [];
          let seenMaxMs = Number.NEGATIVE_INFINITY;
          events.forEach((event, at) => {
            if (restartAt.has(at)) ({ table, join } = build());
            if (event.kind === 'version') {
              if (table.upsert(event.key, event.timestampMs, event.value).status === 'late') lateness.push('version');
            } else {
              const added = join.add(event.key, event.timestampMs, event);
              if (added.status === 'late') lateness.push(event.id);
              for (const j of added.joined) results.push(`${j.value}@${j.timestampMs}`);
            }
            // One watermark over both inputs, as the runtime's combiner gives a co-partitioned task.
            seenMaxMs = Math.max(seenMaxMs, event.timestampMs);
            for (const j of join.advanceWatermark(seenMaxMs - OUT_OF_ORDERNESS_MS - 1)) {
              results.push(`${j.value}@${j.timestampMs}`);
            }
          });
          for (const j of join.advanceWatermark(Number.POSITIVE_INFINITY)) results.push(`${j.value}@${j.timestampMs}`);

          expect(lateness).toEqual([]);
          expect(results.sort()).toEqual(bruteForce(events, isLeftJoin));
          expect(store.keys().filter((k) => k !== '\u0000watermark')).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
