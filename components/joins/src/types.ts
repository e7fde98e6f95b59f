/** One joined result: the pair's key, its event time and the joiner's output. */
export interface Joined<Out> {
  readonly key: string;
  /** Interval join: `max(left, right)` (the left's own time for an unmatched left); table join: the stream record's. */
  readonly timestampMs: number;
  readonly value: Out;
}

/**
 * What became of one record. `late`: it arrived behind the watermark (see each engine for the
 * exact rule); nothing was stored or joined and the caller must route it to the late output.
 * `joined`: results produced at once by this record.
 */
export interface JoinAddResult<Out> {
  readonly status: 'accepted' | 'late';
  readonly joined: readonly Joined<Out>[];
}

/** A late record: nothing stored, nothing joined (shared, so the hot path allocates nothing for it). */
export const LATE: { readonly status: 'late'; readonly joined: readonly never[] } = Object.freeze({
  status: 'late',
  joined: Object.freeze([]),
});
/** Stored, nothing joined yet. */
export const ACCEPTED: { readonly status: 'accepted'; readonly joined: readonly never[] } = Object.freeze({
  status: 'accepted',
  joined: Object.freeze([]),
});
