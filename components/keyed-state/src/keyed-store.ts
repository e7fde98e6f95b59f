import { compareKeys, isInRange } from './compare-keys';
import { KeyedStateError } from './errors';
import { ABSENT, ReadCache } from './read-cache';
import {
  decodeRecord,
  encodeRecord,
  NAMESPACE,
  namespaceEnd,
  parseTtlIndexKey,
  recordWrittenAtMs,
  ttlIndexKey,
} from './record-format';
import type { StateStorage, StorageWrite } from './state-storage';
import { paddedTimeMs, timeKey } from './time-key';
import type { ChangelogEntry, GetManyOptions, KeyedStore, KeyRange, StateCodec } from './types';

/** Writes per restore batch: large enough to amortise LevelDB's per-batch cost, small enough to keep memory flat. */
const RESTORE_BATCH_WRITES = 10_000;
/** Index entries carry no value: the key says it all. */
const EMPTY = Buffer.alloc(0);
/** Highest character that still gives a correct "next prefix" by incrementing it (no surrogates involved). */
const LAST_SIMPLE_CHAR_CODE = 0xd7fe;

export interface ResolvedStoreOptions<V> {
  readonly codec: StateCodec<V>;
  readonly cacheEntries: number;
  readonly ttlMs: number | undefined;
  readonly now: (() => number) | undefined;
  readonly metadata: Record<string, string>;
}

/** An uncommitted write; `value: undefined` is a delete. */
interface OverlayEntry<V> {
  readonly value: V | undefined;
  readonly writtenAtMs: number;
}

/** A write since the last snapshot, updated in place when the key is written again. */
interface DirtyEntry<V> {
  value: V | undefined;
  writtenAtMs: number;
  /** Created by `insert`: no layer below holds the key, so deleting it needs no tombstone. */
  isInserted?: boolean;
  /** Set when the entry moves into a snapshot: its encoded form. */
  record?: Buffer | null;
}

/** A snapshotted write, encoded once so the changelog and the local batch carry the same bytes. */
interface SnapshotEntry<V> extends OverlayEntry<V> {
  readonly record: Buffer | null;
}

export function dataKey(key: string): string {
  return NAMESPACE.data + key;
}

/**
 * The store semantics over any backend. Reads look, in order, at: writes since the last snapshot
 * (`dirty`), the snapshot awaiting commit (`pending`), the batch being written (`writing`), the
 * read cache, and finally the backend.
 */
export class OverlayKeyedStore<V> implements KeyedStore<V> {
  readonly #storage: StateStorage;
  readonly #codec: StateCodec<V>;
  readonly #cache: ReadCache<V>;
  readonly #ttlMs: number | undefined;
  readonly #now: (() => number) | undefined;
  /** Entries here are this map's own (snapshots copy them), so a rewrite updates one in place. */
  #dirty = new Map<string, DirtyEntry<V>>();
  #pending = new Map<string, SnapshotEntry<V>>();
  /**
   * Whether `dirtyEntries()` took a snapshot since the last commit: the commit then writes that
   * snapshot, even an empty one, and not the writes made while the changelog was being produced.
   */
  #isSnapshotTaken = false;
  /** Commits asked for and not yet settled: a commit asked for meanwhile snapshots when its turn comes. */
  #commitsInFlight = 0;
  #writing = new Map<string, SnapshotEntry<V>>();
  /** Stale TTL index entries, deleted by the next commit (with the tombstones that made them stale). */
  readonly #ttlGarbage = new Set<string>();
  #metadata: Record<string, string>;
  #isClosed = false;
  #lastCommit: Promise<void> = Promise.resolve();
  /** Bumped whenever committed state changes, so an async read knows its result may be stale. */
  #generation = 0;
  /** `getMany` calls waiting for the backend. */
  #readsInFlight = 0;
  /** Bumped by every write to the overlay, so a `getMany` knows whether the overlay answers it took still hold. */
  #overlayWrites = 0;
  /** The keys each commit or restore wrote while a `getMany` waited: its answers for them are re-read. */
  #writesDuringReads: {
    readonly generation: number;
    readonly keys: ReadonlySet<string> | ReadonlyMap<string, unknown>;
  }[] = [];

  constructor(storage: StateStorage, options: ResolvedStoreOptions<V>) {
    this.#storage = storage;
    this.#codec = options.codec;
    this.#cache = new ReadCache(options.cacheEntries);
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
    this.#metadata = { ...options.metadata };
  }

  get dirtyCount(): number {
    return this.#dirty.size + this.#pending.size + this.#writing.size;
  }

  get cachedCount(): number {
    return this.#cache.size;
  }

  get(key: string): V | undefined {
    this.#requireOpen();
    const overlay = this.#overlay(key);
    if (overlay !== undefined) {
      return overlay.value;
    }
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      return cached === ABSENT ? undefined : cached;
    }
    const record = this.#storage.getSync(dataKey(key));
    const value = record === undefined ? undefined : decodeRecord(this.#codec, record, key);
    this.#cache.set(key, value === undefined ? ABSENT : value);
    return value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  put(key: string, value: V, writtenAtMs?: number): void {
    this.#requireWritable('put', key, value);
    this.#setDirty(key, value, this.#writeTime(writtenAtMs));
  }

  /** Hot keys (the current window slice, the watermark) are rewritten per record: no object per write. */
  #setDirty(key: string, value: V | undefined, writtenAtMs: number): void {
    this.#overlayWrites += 1;
    const entry = this.#dirty.get(key);
    if (entry === undefined) {
      this.#dirty.set(key, { value, writtenAtMs });
    } else {
      entry.value = value;
      entry.writtenAtMs = writtenAtMs;
    }
  }

  insert(key: string, value: V, writtenAtMs?: number): void {
    this.#requireWritable('insert', key, value);
    this.#overlayWrites += 1;
    const entry = this.#dirty.get(key);
    if (entry === undefined) {
      this.#dirty.set(key, { value, writtenAtMs: this.#writeTime(writtenAtMs), isInserted: true });
    } else {
      // A tombstone since the last snapshot: what it deleted is still below, so it stays a plain write.
      entry.value = value;
      entry.writtenAtMs = this.#writeTime(writtenAtMs);
    }
  }

  #requireWritable(operation: 'put' | 'insert', key: string, value: V): void {
    this.#requireOpen();
    requireKey(key);
    if (value === undefined) {
      throw new KeyedStateError(
        'KEYED_STATE_INVALID_ARGUMENT',
        `cannot ${operation} undefined for key ${JSON.stringify(key)}: use delete()`,
      );
    }
  }

  delete(key: string): void {
    this.#requireOpen();
    requireKey(key);
    if (this.#dirty.get(key)?.isInserted === true) {
      // Never snapshotted, so never written anywhere: forgetting it is the whole delete.
      this.#overlayWrites += 1;
      this.#dirty.delete(key);
      return;
    }
    this.#setDirty(key, undefined, this.#writeTime(undefined));
  }

  async getMany(keys: readonly string[], options: GetManyOptions = {}): Promise<(V | undefined)[]> {
    this.#requireOpen();
    // Each key's answer as of now (ABSENT: known absent); `undefined` for the keys to read from the backend.
    const answers: (V | typeof ABSENT | undefined)[] = Array.from({ length: keys.length });
    const isFromOverlay = new Uint8Array(keys.length);
    const missAt: number[] = [];
    keys.forEach((key, i) => {
      const overlay = this.#overlay(key);
      isFromOverlay[i] = overlay === undefined ? 0 : 1;
      const known = overlay === undefined ? this.#cache.get(key) : (overlay.value ?? ABSENT);
      if (known === undefined) missAt.push(i);
      else answers[i] = known;
    });
    if (missAt.length === 0) return answers.map((answer) => (answer === ABSENT ? undefined : answer));
    const generation = this.#generation;
    const overlayWrites = this.#overlayWrites;
    this.#readsInFlight += 1;
    try {
      const records = await this.#storage.getMany(missAt.map((at) => dataKey(keys[at] as string)));
      this.#requireOpen();
      const isStale = this.#writtenSince(generation);
      missAt.forEach((at, i) => {
        const key = keys[at] as string;
        if (isStale(key)) return;
        const record = records[i];
        const value = record === undefined ? ABSENT : decodeRecord(this.#codec, record, key);
        answers[at] = value;
        if (options.cache !== false) this.#cache.set(key, value);
      });
      const isOverlayChanged = overlayWrites !== this.#overlayWrites;
      return keys.map((key, i) => {
        const answer = answers[i];
        // Written while the backend was read: what was read (or known before) may predate the write.
        if (answer === undefined || isStale(key) || (isOverlayChanged && isFromOverlay[i] === 1)) return this.get(key);
        const overlay = isOverlayChanged ? this.#overlay(key) : undefined;
        if (overlay !== undefined) return overlay.value;
        return answer === ABSENT ? undefined : answer;
      });
    } finally {
      this.#readsInFlight -= 1;
      if (this.#readsInFlight === 0) this.#writesDuringReads = [];
    }
  }

  /** Whether a key was committed or restored after `generation` (known only while a `getMany` is in flight). */
  #writtenSince(generation: number): (key: string) => boolean {
    if (generation === this.#generation) return () => false;
    const writes = this.#writesDuringReads.filter((write) => write.generation > generation);
    return (key) => writes.some((write) => write.keys.has(key));
  }

  /** Keeps the keys a write changed in the backend for the `getMany` calls waiting on it. */
  #recordWriteDuringReads(keys: ReadonlySet<string> | ReadonlyMap<string, unknown>): void {
    if (this.#readsInFlight > 0) this.#writesDuringReads.push({ generation: this.#generation, keys });
  }

  dirtyEntries(): ChangelogEntry[] {
    this.#requireOpen();
    this.#takeSnapshot();
    return Array.from(this.#pending, ([key, entry]) => ({ key, value: entry.record }));
  }

  /** Moves the dirty entries, encoded, into the snapshot the next commit writes. */
  #takeSnapshot(): void {
    if (this.#dirty.size > 0) {
      // Encode everything before moving anything, so a value the codec rejects leaves the state as it was.
      const records = Array.from(this.#dirty, ([key, entry]) => this.#encode(key, entry));
      let i = 0;
      if (this.#pending.size === 0) {
        // Nothing to merge with: the dirty entries (this map's own) become the snapshot's, in place.
        for (const entry of this.#dirty.values()) entry.record = records[i++] ?? null;
        this.#pending = this.#dirty as Map<string, SnapshotEntry<V>>;
      } else {
        for (const [key, entry] of this.#dirty) {
          this.#pending.set(key, { value: entry.value, writtenAtMs: entry.writtenAtMs, record: records[i++] ?? null });
        }
      }
      this.#dirty = new Map();
    }
    this.#isSnapshotTaken = true;
  }

  async commit(metadata: Readonly<Record<string, string>>): Promise<void> {
    this.#requireOpen();
    const nextMetadata = copyMetadata(metadata);
    // The state as of this call, so writes made while it is written wait for the next commit; with
    // a commit still being written, as of when that one ends (it must not take this one's writes).
    if (this.#commitsInFlight === 0 && !this.#isSnapshotTaken) this.#takeSnapshot();
    this.#commitsInFlight += 1;
    const previous = this.#lastCommit;
    const current = previous
      .catch(() => undefined)
      .then(() => this.#commitSnapshot(nextMetadata))
      .finally(() => {
        this.#commitsInFlight -= 1;
      });
    this.#lastCommit = current;
    return current;
  }

  async readMetadata(): Promise<Record<string, string>> {
    return { ...this.committedMetadata() };
  }

  committedMetadata(): Readonly<Record<string, string>> {
    this.#requireOpen();
    return this.#metadata;
  }

  async restore(
    entries: Iterable<ChangelogEntry> | AsyncIterable<ChangelogEntry>,
    metadata?: Readonly<Record<string, string>>,
  ): Promise<void> {
    this.#requireOpen();
    const nextMetadata = metadata === undefined ? undefined : copyMetadata(metadata);
    let writes: StorageWrite[] = [];
    let keys: string[] = [];
    for await (const entry of entries) {
      requireKey(entry.key);
      if (entry.value !== null && !Buffer.isBuffer(entry.value)) {
        throw new KeyedStateError(
          'KEYED_STATE_INVALID_ARGUMENT',
          `changelog value of key ${JSON.stringify(entry.key)} must be a Buffer or null`,
        );
      }
      writes.push({ key: dataKey(entry.key), value: entry.value });
      if (entry.value !== null) {
        const writtenAtMs = recordWrittenAtMs(entry.value, entry.key);
        if (this.#ttlMs !== undefined) {
          writes.push({ key: ttlIndexKey(writtenAtMs, entry.key), value: EMPTY });
        }
      }
      keys.push(entry.key);
      if (writes.length >= RESTORE_BATCH_WRITES) {
        await this.#writeRestored(writes, keys, false);
        writes = [];
        keys = [];
      }
    }
    if (nextMetadata !== undefined) {
      writes.push(...this.#metadataWrites(nextMetadata));
    }
    await this.#writeRestored(writes, keys, true);
    if (nextMetadata !== undefined) {
      this.#metadata = nextMetadata;
    }
  }

  scan(range: KeyRange = {}): AsyncIterable<[string, V]> {
    this.#requireOpen();
    const limit = range.limit ?? Number.POSITIVE_INFINITY;
    if (!(limit >= 0)) {
      throw new KeyedStateError('KEYED_STATE_INVALID_ARGUMENT', `scan limit must be >= 0, got ${range.limit}`);
    }
    // Both views are taken now, so the scan sees the state as of this call.
    const overlay = this.#overlayInRange(range);
    const committed = this.#storage.entries(dataBounds(range));
    const codec = this.#codec;
    const prefix = range.prefix;
    return (async function* mergeCommittedAndOverlay(): AsyncGenerator<[string, V]> {
      const iterator = committed[Symbol.asyncIterator]();
      let yielded = 0;
      let overlayIndex = 0;
      let next = await iterator.next();
      try {
        while (yielded < limit) {
          let committedKey = next.done === true ? undefined : next.value[0].slice(NAMESPACE.data.length);
          if (committedKey !== undefined && prefix !== undefined && !committedKey.startsWith(prefix)) {
            committedKey = undefined;
          }
          const written = overlay[overlayIndex];
          if (committedKey === undefined && written === undefined) {
            return;
          }
          const order =
            committedKey === undefined ? 1 : written === undefined ? -1 : compareKeys(committedKey, written[0]);
          if (order < 0 && committedKey !== undefined && next.done !== true) {
            yield [committedKey, decodeRecord(codec, next.value[1], committedKey)];
            yielded += 1;
            next = await iterator.next();
            continue;
          }
          if (order === 0) {
            next = await iterator.next();
          }
          overlayIndex += 1;
          if (written !== undefined && written[1] !== undefined) {
            yield [written[0], written[1]];
            yielded += 1;
          }
        }
      } finally {
        await iterator.return?.();
      }
    })();
  }

  scanTimeRange(prefix: string, fromMs: number, toMs: number): AsyncIterable<[string, V]> {
    const gte = timeKey(prefix, fromMs);
    const lt = timeKey(prefix, Math.max(fromMs, toMs));
    return this.scan({ prefix, gte, lt });
  }

  async deleteRange(range: KeyRange): Promise<number> {
    const keys: string[] = [];
    for await (const [key] of this.scan(range)) {
      keys.push(key);
    }
    for (const key of keys) {
      this.delete(key);
    }
    return keys.length;
  }

  async expireBefore(prefix: string, timestampMs: number): Promise<number> {
    return this.deleteRange({ prefix, gte: timeKey(prefix, 0), lt: timeKey(prefix, timestampMs) });
  }

  async expireIdle(nowMs?: number): Promise<number> {
    this.#requireOpen();
    const ttlMs = this.#ttlMs;
    if (ttlMs === undefined) {
      throw new KeyedStateError('KEYED_STATE_INVALID_OPTIONS', 'expireIdle() needs a store opened with ttlMs');
    }
    const atMs = this.#writeTime(nowMs);
    const cutoffMs = atMs - ttlMs;
    if (cutoffMs < 0) {
      return 0;
    }
    let expired = 0;
    const expire = (key: string): void => {
      this.#overlayWrites += 1;
      this.#dirty.set(key, { value: undefined, writtenAtMs: atMs });
      expired += 1;
    };
    const index = this.#storage.entries({
      gte: NAMESPACE.ttlIndex,
      lt: NAMESPACE.ttlIndex + paddedTimeMs(cutoffMs + 1),
    });
    for await (const [indexKey] of index) {
      if (this.#isClosed) {
        break;
      }
      if (this.#ttlGarbage.has(indexKey)) {
        continue;
      }
      const { key, writtenAtMs } = parseTtlIndexKey(indexKey);
      // Any outcome makes this index entry useless: the key is expired now, or a later write indexed it again.
      this.#ttlGarbage.add(indexKey);
      const overlay = this.#overlay(key);
      if (overlay !== undefined) {
        if (overlay.value !== undefined && overlay.writtenAtMs <= cutoffMs) {
          expire(key);
        }
        continue;
      }
      const record = this.#storage.getSync(dataKey(key));
      if (record !== undefined && recordWrittenAtMs(record, key) === writtenAtMs) {
        expire(key);
      }
    }
    this.#requireOpen();
    // Uncommitted writes have no index entry yet.
    for (const [key, entry] of this.#effectiveOverlay()) {
      if (entry.value !== undefined && entry.writtenAtMs <= cutoffMs) {
        expire(key);
      }
    }
    return expired;
  }

  async approximateSizeBytes(): Promise<number> {
    this.#requireOpen();
    return this.#storage.approximateSizeBytes({ gte: NAMESPACE.data, lt: namespaceEnd(NAMESPACE.ttlIndex) });
  }

  async close(): Promise<void> {
    if (this.#isClosed) {
      return;
    }
    this.#isClosed = true;
    await this.#lastCommit.catch(() => undefined);
    this.#dirty.clear();
    this.#pending.clear();
    this.#cache.clear();
    await this.#storage.close();
  }

  async destroy(): Promise<void> {
    await this.close();
    await this.#storage.destroy();
  }

  #overlay(key: string): OverlayEntry<V> | undefined {
    return (
      this.#dirty.get(key) ??
      (this.#pending.size > 0 ? this.#pending.get(key) : undefined) ??
      (this.#writing.size > 0 ? this.#writing.get(key) : undefined)
    );
  }

  /** Every uncommitted key with the write that wins for it. */
  #effectiveOverlay(): Map<string, OverlayEntry<V>> {
    return new Map<string, OverlayEntry<V>>([...this.#writing, ...this.#pending, ...this.#dirty]);
  }

  #overlayInRange(range: KeyRange): [string, V | undefined][] {
    const entries: [string, V | undefined][] = [];
    for (const [key, entry] of this.#effectiveOverlay()) {
      if (isInRange(key, range)) {
        entries.push([key, entry.value]);
      }
    }
    return entries.sort(([a], [b]) => compareKeys(a, b));
  }

  async #commitSnapshot(metadata: Record<string, string>): Promise<void> {
    this.#requireOpen();
    if (!this.#isSnapshotTaken) {
      this.#takeSnapshot();
    }
    this.#isSnapshotTaken = false;
    const writing = this.#pending;
    this.#pending = new Map();
    this.#writing = writing;
    const garbage = [...this.#ttlGarbage];
    // Garbage first: a key rewritten at the same millisecond gets its index entry back below.
    const writes: StorageWrite[] = garbage.map((key) => ({ key, value: null }));
    for (const [key, entry] of writing) {
      writes.push({ key: dataKey(key), value: entry.record });
      if (this.#ttlMs !== undefined && entry.record !== null) {
        writes.push({ key: ttlIndexKey(entry.writtenAtMs, key), value: EMPTY });
      }
    }
    writes.push(...this.#metadataWrites(metadata));
    try {
      // fsync: a checkpoint must survive a power cut, not just a crash; one per commit interval is cheap.
      await this.#storage.write(writes, { durable: true });
    } catch (error) {
      for (const [key, entry] of writing) {
        if (!this.#pending.has(key)) {
          this.#pending.set(key, entry);
        }
      }
      this.#writing = new Map();
      // The retry writes this snapshot, not the writes made since.
      this.#isSnapshotTaken = true;
      throw error;
    }
    this.#writing = new Map();
    this.#generation += 1;
    this.#recordWriteDuringReads(writing);
    this.#metadata = metadata;
    for (const key of garbage) {
      this.#ttlGarbage.delete(key);
    }
    for (const [key, entry] of writing) {
      // A deleted key is mostly one nobody reads again (an expired window slice): caching its
      // absence would only push live values out. A later read finds it absent in the backend.
      if (entry.value === undefined) this.#cache.delete(key);
      else this.#cache.set(key, entry.value);
    }
  }

  #metadataWrites(metadata: Record<string, string>): StorageWrite[] {
    const writes: StorageWrite[] = Object.keys(this.#metadata)
      .filter((name) => !(name in metadata))
      .map((name) => ({ key: NAMESPACE.metadata + name, value: null }));
    for (const [name, value] of Object.entries(metadata)) {
      writes.push({ key: NAMESPACE.metadata + name, value: Buffer.from(value, 'utf8') });
    }
    return writes;
  }

  async #writeRestored(writes: StorageWrite[], keys: string[], durable: boolean): Promise<void> {
    await this.#storage.write(writes, { durable });
    this.#generation += 1;
    this.#recordWriteDuringReads(new Set(keys));
    // After the write, so a concurrent get() cannot re-cache the value it replaced.
    for (const key of keys) {
      this.#cache.delete(key);
    }
  }

  #encode(key: string, entry: OverlayEntry<V>): Buffer | null {
    if (entry.value === undefined) {
      return null;
    }
    try {
      return encodeRecord(this.#codec, entry.value, entry.writtenAtMs);
    } catch (error) {
      throw new KeyedStateError(
        'KEYED_STATE_INVALID_ARGUMENT',
        `the value of key ${JSON.stringify(key)} cannot be encoded by the codec`,
        {
          cause: error,
        },
      );
    }
  }

  #writeTime(writtenAtMs: number | undefined): number {
    if (writtenAtMs === undefined) {
      return this.#now === undefined ? 0 : Math.floor(this.#now());
    }
    if (!Number.isSafeInteger(writtenAtMs) || writtenAtMs < 0) {
      throw new KeyedStateError(
        'KEYED_STATE_INVALID_ARGUMENT',
        `writtenAtMs must be an integer >= 0, got ${writtenAtMs}`,
      );
    }
    return writtenAtMs;
  }

  #requireOpen(): void {
    if (this.#isClosed) {
      throw new KeyedStateError('KEYED_STATE_CLOSED', 'the state store is closed');
    }
  }
}

function requireKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') {
    throw new KeyedStateError('KEYED_STATE_INVALID_ARGUMENT', `state keys are strings, got ${typeof key}`);
  }
}

function copyMetadata(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new KeyedStateError(
        'KEYED_STATE_INVALID_ARGUMENT',
        `metadata values are strings; ${name} is ${typeof value}`,
      );
    }
    copy[name] = value;
  }
  return copy;
}

/** The backend range holding the user keys of `range` (a superset when the prefix cannot be bounded exactly). */
function dataBounds(range: KeyRange): { gte: string; lt: string } {
  let gte = NAMESPACE.data + (range.gte ?? '');
  let lt = range.lt === undefined ? namespaceEnd(NAMESPACE.data) : NAMESPACE.data + range.lt;
  const prefix = range.prefix;
  if (prefix !== undefined && prefix.length > 0) {
    const prefixStart = NAMESPACE.data + prefix;
    if (compareKeys(prefixStart, gte) > 0) {
      gte = prefixStart;
    }
    const lastCode = prefix.charCodeAt(prefix.length - 1);
    if (lastCode <= LAST_SIMPLE_CHAR_CODE) {
      const prefixEnd = NAMESPACE.data + prefix.slice(0, -1) + String.fromCharCode(lastCode + 1);
      if (compareKeys(prefixEnd, lt) < 0) {
        lt = prefixEnd;
      }
    }
  }
  if (compareKeys(gte, lt) > 0) {
    lt = gte;
  }
  return { gte, lt };
}
