import type { Window } from './types';

/** One result of one (key, window). */
export interface Fired<Out> {
  readonly key: string;
  readonly window: Window;
  readonly result: Out;
  /** True when this (key, window) already fired: a late-but-allowed record changed it (or, for sessions, merged fired content into it). */
  readonly isUpdate: boolean;
}

/**
 * What became of one record. `late`: every window it belongs to is closed (past
 * `endMs - 1 + allowedLatenessMs` by the watermark); nothing was stored and the caller must route
 * it to the late output. `fired`: windows already past `endMs - 1` that this record changed fire
 * again at once, as Flink's event-time trigger does on such a record.
 */
export interface AddResult<Out> {
  readonly status: 'accepted' | 'late';
  readonly fired: readonly Fired<Out>[];
}

/** A record too late for all of its windows. */
export interface LateRecord<In> {
  readonly key: string;
  readonly timestampMs: number;
  readonly value: In;
}
