/**
 * Turns state values into bytes and back. `decode(encode(v))` must equal `v` structurally; the
 * store keeps decoded values in memory, so a codec never runs on the read hot path for cached keys.
 */
export interface StateCodec<V> {
  encode(value: V): Buffer;
  decode(bytes: Buffer): V;
  /**
   * Optional: what `encode` gives, written after `reservedBytes` left free at the start of the
   * buffer, where the store puts its record header: one allocation per value at commit, not two
   * and a copy.
   */
  encodeAfter?(value: V, reservedBytes: number): Buffer;
}

/**
 * One changed key, as the runtime produces it to the changelog topic and reads it back on restore.
 * `value` is the store's own record format (a version byte, the 8-byte write time, then the codec's
 * bytes): opaque to the runtime, restored byte for byte. `null` is a tombstone (the key was deleted).
 */
export interface ChangelogEntry {
  readonly key: string;
  readonly value: Buffer | null;
}

/**
 * A key range for scans and range deletes. Bounds compare keys by their UTF-8 bytes (LevelDB's
 * order), which equals JS string order for keys without characters outside the BMP. `prefix` and
 * `gte`/`lt` combine (both must hold).
 */
export interface KeyRange {
  readonly prefix?: string;
  readonly gte?: string;
  readonly lt?: string;
  /** Stop after this many entries. */
  readonly limit?: number;
}

export interface GetManyOptions {
  /** Whether the values read from the backend (and the keys found absent) enter the read cache (default `true`). */
  readonly cache?: boolean;
}

/** Options shared by every backend. */
export interface KeyedStoreOptions<V> {
  /**
   * Defaults to `plainDataStateCodec`: numbers and flat objects of numbers in a compact form,
   * anything else with `v8.serialize` (plain objects, arrays, Map, Set, Date, bigint...).
   */
  readonly codec?: StateCodec<V>;
  /** Bound of the read cache of clean decoded values (and known-absent keys); `0` disables it. */
  readonly cacheEntries?: number;
  /**
   * Idle-key TTL: `expireIdle(nowMs)` deletes keys not written for at least this long. Requires
   * `now`. Write times are the `writtenAtMs` passed to `put` (event time) or else `now()`.
   */
  readonly ttlMs?: number;
  /** Clock for write times when `put` is not given one. Required with `ttlMs`. */
  readonly now?: () => number;
}

/**
 * A per-task keyed state store: a synchronous read/write hot path over an in-memory overlay of
 * uncommitted writes, a bounded read cache and a durable backend, checkpointed atomically with the
 * source offsets it reflects.
 *
 * Checkpoint protocol (DESIGN.md section 5), per task:
 * 1. `dirtyEntries()` snapshots the changes since the last commit;
 * 2. the runtime produces them to the changelog topic and waits for the acks;
 * 3. `commit(metadata)` writes exactly that snapshot plus `metadata` (source offsets) in one atomic batch;
 * 4. the runtime commits the consumer offsets to Kafka.
 * Writes made between 1 and 3 stay dirty for the next checkpoint (they are not in the changelog yet).
 *
 * Values returned by `get` are the store's own objects: treat them as immutable, or `put` them back
 * after changing them (an unsaved in-place change is lost at the next cache eviction).
 *
 * @remarks Not thread-safe; one instance per task. Not safe to open the same path twice.
 */
/**
 * What a step reads and writes while it processes records: synchronous key-value access and a
 * scan to rebuild in-memory indexes at task start. Checkpoints, restores and closing belong to the
 * runtime (`KeyedStore`), never to a step.
 */
export interface StepState<V> {
  /** The value of `key` (uncommitted writes first, then the read cache, then the backend), synchronously. */
  get(key: string): V | undefined;
  has(key: string): boolean;
  /**
   * Sets `key` in memory; it reaches the backend at the next `commit`.
   * @param writtenAtMs the write time recorded for idle-key TTL (event time); defaults to `now()`
   * @throws KeyedStateError `KEYED_STATE_INVALID_ARGUMENT` for `undefined` values or non-string keys
   */
  put(key: string, value: V, writtenAtMs?: number): void;
  /**
   * `put` for a key the caller knows the store does not hold (not committed, not written since):
   * if it is deleted again before the next `dirtyEntries()`, it leaves no trace, neither a
   * tombstone in the changelog nor a write to the backend. A window engine's short-lived slices
   * thus cost nothing at the checkpoint. Inserting a key the store holds is a caller bug: a later
   * delete would let the old value reappear.
   */
  insert(key: string, value: V, writtenAtMs?: number): void;
  /** Deletes `key` (a tombstone in the next changelog snapshot, unless `insert` created it since). */
  delete(key: string): void;
  /**
   * Entries in key order (UTF-8 bytes), committed and uncommitted merged (uncommitted writes and
   * deletes win), as of the first `next()`.
   */
  scan(range?: KeyRange): AsyncIterable<[string, V]>;
}

/** A step's state plus the runtime's side: batch reads, checkpoints, restore, maintenance, lifecycle. */
export interface KeyedStore<V> extends StepState<V> {
  /**
   * Reads many keys with one backend round trip; same answers as `get`. It warms the read cache
   * unless `options.cache` is `false`: a bulk load reading keys once (mostly new ones) would only
   * push hot values out of the cache and pay for the evictions.
   */
  getMany(keys: readonly string[], options?: GetManyOptions): Promise<(V | undefined)[]>;

  /**
   * The changes since the last commit, encoded, as changelog records. Calling it again before
   * `commit` returns the union (later writes win). Deleted keys come with `value: null`.
   */
  dirtyEntries(): ChangelogEntry[];
  /**
   * Writes the `dirtyEntries()` snapshot taken since the last commit, even an empty one (or, if
   * none was taken, every entry dirty at the call, or at the end of a commit still being written
   * then), and `metadata` in ONE atomic, fsynced batch, replacing the previously committed metadata.
   * Writes made after the snapshot wait for the next commit.
   * @throws KeyedStateError `KEYED_STATE_IO` if the write fails (the snapshot stays pending; retry)
   */
  commit(metadata: Readonly<Record<string, string>>): Promise<void>;
  /** The metadata of the last commit (or restore), `{}` for a new store. */
  readMetadata(): Promise<Record<string, string>>;
  /** Same as `readMetadata`, synchronously (kept in memory since open). */
  committedMetadata(): Readonly<Record<string, string>>;
  /**
   * Applies changelog records straight to the backend, in batches; `metadata`, when given, is
   * written with the last batch. Uncommitted writes still win over restored values. Not atomic as a
   * whole: after a crash mid-restore the old metadata is still there, so the restore is redone.
   * @throws KeyedStateError `KEYED_STATE_CORRUPT` for a value not in the store's record format
   */
  restore(
    entries: Iterable<ChangelogEntry> | AsyncIterable<ChangelogEntry>,
    metadata?: Readonly<Record<string, string>>,
  ): Promise<void>;

  /** Entries whose key is `timeKey(prefix, t, ...)` with `fromMs <= t < toMs`, in time order. */
  scanTimeRange(prefix: string, fromMs: number, toMs: number): AsyncIterable<[string, V]>;
  /** Deletes every key in the range (tombstones go to the changelog); returns how many. */
  deleteRange(range: KeyRange): Promise<number>;
  /** Deletes every `timeKey(prefix, t, ...)` with `t < timestampMs` (closed windows); returns how many. */
  expireBefore(prefix: string, timestampMs: number): Promise<number>;
  /**
   * Deletes keys whose last write is at least `ttlMs` old (`nowMs - writtenAtMs >= ttlMs`), using a
   * time index: the cost follows the number of writes that aged out, not the store size.
   * @throws KeyedStateError `KEYED_STATE_INVALID_OPTIONS` if the store has no `ttlMs`
   */
  expireIdle(nowMs?: number): Promise<number>;

  /** Keys written or deleted since the last commit (a key rewritten after a snapshot counts twice). */
  readonly dirtyCount: number;
  /** Entries in the read cache. */
  readonly cachedCount: number;
  /** Approximate bytes used by committed state in the backend (LevelDB: its tables and write-ahead log on disk). */
  approximateSizeBytes(): Promise<number>;

  /** Drops uncommitted writes and releases the backend. Idempotent. */
  close(): Promise<void>;
  /** Closes and deletes the backend's data (local files). */
  destroy(): Promise<void>;
}
