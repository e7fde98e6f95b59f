/**
 * @fp/joins: stream-stream interval and window joins and point-in-time stream-table joins, as
 * state-agnostic engines with Flink's semantics (the seed jobs are Flink jobs).
 *
 * - Engines are pure: they work over small synchronous `JoinStateStore`s (`get`, `put`, `delete`)
 *   that the runtime adapts its keyed store to, never call a clock and do no I/O. In-memory indexes
 *   and timers are rebuilt by `restore(storeKeys)` from a scan at task start.
 * - Time is event time in epoch ms; watermarks never go back (lower values are ignored).
 * - `createIntervalJoin`: pairs with `left.ts - beforeMs <= right.ts <= left.ts + afterMs`, emitted as
 *   soon as both are there, stamped `max(left.ts, right.ts)`; `left` joins emit unmatched lefts once
 *   the watermark reaches `left.ts + afterMs`. A record at or behind the watermark is `late`.
 * - `createWindowJoin`: the cross product of each (key, tumbling/hopping window), emitted when the
 *   watermark reaches `endMs - 1`, stamped `endMs - 1`.
 * - `createVersionedTable` + `createStreamTableJoin`: enrichment with the table's `latest` version
 *   or the version valid at the record's time (`point-in-time`, emitted when the watermark passes it).
 * - Late records are returned with `status: 'late'`, never dropped silently.
 * - Engines assume both inputs are keyed by the join key and co-partitioned (same task); the
 *   runtime checks it. Order between keys is unspecified: compare results as multisets.
 */
export { JoinsError, joinsErrorCodes } from './errors';
export { createIntervalJoin } from './interval-join';
export { createStreamTableJoin } from './stream-table-join';
export { createVersionedTable } from './versioned-table';
export { createWindowJoin } from './window-join';

export type { JoinsErrorCode } from './errors';
export type { IntervalJoin, IntervalJoinOptions } from './interval-join';
export type { JoinStateStore } from './join-state-store';
export type { StreamTableJoin, StreamTableJoinOptions } from './stream-table-join';
export type { JoinAddResult, Joined } from './types';
export type { TableVersion, VersionedTable, VersionedTableOptions } from './versioned-table';
export type { WindowJoin, WindowJoinAddResult, WindowJoined, WindowJoinOptions } from './window-join';
