import { availableAtMs, entityKeyOf, type FeatureView } from '@fp/feature-views';
import { openLevelStore, type KeyedStore } from '@fp/keyed-state';
import type { Logger } from '@fp/log';
import type { Serde } from '@fp/serdes';
import { OnlineStoreError } from './errors';
import { replacesLatest, storedRowCodec, type StoredRow } from './stored-row';

/** A record of the view's topic as the store needs it: its coordinates, time and value bytes. */
export interface TopicRecord {
  readonly offset: string;
  readonly timestampMs: number;
  readonly value: Buffer | null;
}

/** Running figures of one view, for metrics and logs. */
export interface ViewStoreStats {
  /** Records decoded into rows since open. */
  readonly rowsRead: number;
  /** Rows that became their entity's latest since open. */
  readonly rowsWritten: number;
  /** Records that could not be decoded or keyed since open (logged with their coordinates). */
  readonly badRecords: number;
  /** The latest event time (record timestamp) of a row read since open; `undefined` before the first. */
  readonly maxEventTimeMs: number | undefined;
  readonly commits: number;
}

export interface ViewStoreOptions<Row> {
  readonly view: FeatureView<Row>;
  /** The topic read (the view's own unless a deployment overrides it); stored, and checked on reopen. */
  readonly topic?: string;
  /** Decodes the topic's values: `plainRowSerde(view)` or a registry serde. */
  readonly serde: Serde<Row>;
  /** LevelDB directory of this view; created if missing. */
  readonly path: string;
  /** Processing-time clock: each row's `writtenAtMs`. */
  readonly now: () => number;
  readonly log: Logger;
  /** Decoded rows kept in memory for hot entities (default: keyed-state's 100,000). */
  readonly cacheEntries?: number;
}

/**
 * The materialised latest row per entity of one feature view, with the offsets it reflects.
 * Writes stay in memory until `commit()`, which writes the rows and the read positions in one
 * atomic, fsynced LevelDB batch: after a crash the store and its offsets agree, and the reader
 * resumes exactly where the committed rows end (re-reading a few records is harmless: applying a
 * row twice gives the same latest row).
 */
export interface ViewStore {
  readonly name: string;
  readonly topic: string;
  /**
   * Decodes the records of one partition (in offset order) and keeps each entity's latest row.
   * One registry preparation and one LevelDB read for the whole batch, never one per record.
   * Records that cannot be decoded are counted and logged with their coordinates, never thrown.
   */
  apply(partition: number, records: readonly TopicRecord[]): Promise<void>;
  /** The partition has been read up to `nextOffset` (exclusive; control records included): saved at the next commit. */
  advance(partition: number, nextOffset: string): void;
  /** The next offset to read per partition: committed, then advanced since. */
  positions(): ReadonlyMap<number, string>;
  /** Positions as of the last commit (what a restart resumes from). */
  committedPositions(): ReadonlyMap<number, string>;
  /** Writes the rows and positions since the last commit in one atomic batch. */
  commit(): Promise<void>;
  /** Rows written since the last commit. */
  readonly dirtyCount: number;
  /** The entity's latest row (synchronous: memory, read cache, then LevelDB `getSync`). */
  get(key: string): StoredRow | undefined;
  /** Many entities' latest rows, in request order, with one LevelDB round trip for the misses. */
  getMany(keys: readonly string[]): Promise<(StoredRow | undefined)[]>;
  stats(): ViewStoreStats;
  /** Drops uncommitted writes (call `commit()` first for a clean stop) and releases LevelDB. */
  close(): Promise<void>;
}

/** Metadata keys in the store: the topic, and the next offset to read per partition. */
const TOPIC_METADATA = 'topic';
const POSITION_PREFIX = 'next-offset:';

/**
 * Opens (or creates) the store of one view.
 * @throws OnlineStoreError `ONLINE_STORE_STATE_MISMATCH` if the directory holds another topic's rows
 */
export async function openViewStore<Row>(options: ViewStoreOptions<Row>): Promise<ViewStore> {
  const topic = options.topic ?? options.view.topic;
  const store = await openLevelStore<StoredRow>({
    path: options.path,
    codec: storedRowCodec,
    ...(options.cacheEntries === undefined ? {} : { cacheEntries: options.cacheEntries }),
  });
  const metadata = store.committedMetadata();
  const storedTopic = metadata[TOPIC_METADATA];
  if (storedTopic !== undefined && storedTopic !== topic) {
    await store.close();
    throw new OnlineStoreError(
      'ONLINE_STORE_STATE_MISMATCH',
      `the state of view ${options.view.name} at ${options.path} was read from topic ${storedTopic}, not ${topic}: ` +
        'point the view at its old topic, or delete the directory to materialise the new one from scratch',
    );
  }
  return new LevelViewStore(store, options, topic, positionsOf(metadata));
}

function positionsOf(metadata: Readonly<Record<string, string>>): Map<number, string> {
  const positions = new Map<number, string>();
  for (const [name, offset] of Object.entries(metadata)) {
    if (name.startsWith(POSITION_PREFIX)) positions.set(Number(name.slice(POSITION_PREFIX.length)), offset);
  }
  return positions;
}

class LevelViewStore<Row> implements ViewStore {
  readonly name: string;
  readonly topic: string;
  readonly #store: KeyedStore<StoredRow>;
  readonly #options: ViewStoreOptions<Row>;
  #committed: Map<number, string>;
  readonly #positions: Map<number, string>;
  #stats: { -readonly [K in keyof ViewStoreStats]: ViewStoreStats[K] } = {
    rowsRead: 0,
    rowsWritten: 0,
    badRecords: 0,
    maxEventTimeMs: undefined,
    commits: 0,
  };

  constructor(
    store: KeyedStore<StoredRow>,
    options: ViewStoreOptions<Row>,
    topic: string,
    committed: Map<number, string>,
  ) {
    this.name = options.view.name;
    this.topic = topic;
    this.#store = store;
    this.#options = options;
    this.#committed = committed;
    this.#positions = new Map(committed);
  }

  get dirtyCount(): number {
    return this.#store.dirtyCount;
  }

  async apply(partition: number, records: readonly TopicRecord[]): Promise<void> {
    const { serde } = this.#options;
    if (serde.prepare !== undefined) {
      await serde.prepare(records.flatMap(({ value }) => (value === null ? [] : [value])));
    }
    const { keys, rows } = this.#decode(partition, records);
    if (keys.length === 0) return;
    // Read once to apply the latest-row rule: caching these (mostly new) keys would only evict hot rows.
    const current = await this.#store.getMany(keys, { cache: false });
    keys.forEach((key, i) => {
      const candidate = rows[i] as StoredRow;
      if (replacesLatest(current[i], candidate)) {
        this.#store.put(key, candidate);
        this.#stats.rowsWritten += 1;
      }
    });
  }

  /** Each entity's latest row within the batch: `rows[i]` is that of `keys[i]`. */
  #decode(partition: number, records: readonly TopicRecord[]): { keys: string[]; rows: StoredRow[] } {
    const { view, serde, now } = this.#options;
    const writtenAtMs = now();
    const keys: string[] = [];
    const rows: StoredRow[] = [];
    const indexOf = new Map<string, number>();
    for (const record of records) {
      let key: string;
      let row: StoredRow;
      try {
        if (record.value === null) throw new Error('the record has no value (a tombstone): nothing to materialise');
        const decoded = serde.deserialize(record.value);
        key = entityKeyOf(view, decoded);
        row = {
          rowJson: JSON.stringify(decoded),
          partition,
          offset: record.offset,
          eventTimeMs: record.timestampMs,
          availableAtMs: availableAtMs(view, decoded, record.timestampMs),
          writtenAtMs,
        };
      } catch (error) {
        this.#reportBadRecord(partition, record, error);
        continue;
      }
      this.#stats.rowsRead += 1;
      if (this.#stats.maxEventTimeMs === undefined || row.eventTimeMs > this.#stats.maxEventTimeMs) {
        this.#stats.maxEventTimeMs = row.eventTimeMs;
      }
      const at = indexOf.get(key);
      if (at === undefined) {
        indexOf.set(key, keys.length);
        keys.push(key);
        rows.push(row);
      } else if (replacesLatest(rows[at], row)) {
        rows[at] = row;
      }
    }
    return { keys, rows };
  }

  #reportBadRecord(partition: number, record: TopicRecord, error: unknown): void {
    this.#stats.badRecords += 1;
    // A read-only replica has no dead-letter topic of its own: the record stays on its topic, and
    // the log line says where, so it can be read there.
    this.#options.log.warn(
      { view: this.name, topic: this.topic, partition, offset: record.offset, err: error },
      'feature record could not be materialised; skipped',
    );
  }

  advance(partition: number, nextOffset: string): void {
    this.#positions.set(partition, nextOffset);
  }

  positions(): ReadonlyMap<number, string> {
    return this.#positions;
  }

  committedPositions(): ReadonlyMap<number, string> {
    return this.#committed;
  }

  async commit(): Promise<void> {
    const positions = new Map(this.#positions);
    const metadata: Record<string, string> = { [TOPIC_METADATA]: this.topic };
    for (const [partition, offset] of positions) metadata[`${POSITION_PREFIX}${partition}`] = offset;
    await this.#store.commit(metadata);
    this.#committed = positions;
    this.#stats.commits += 1;
  }

  get(key: string): StoredRow | undefined {
    return this.#store.get(key);
  }

  getMany(keys: readonly string[]): Promise<(StoredRow | undefined)[]> {
    return this.#store.getMany(keys);
  }

  stats(): ViewStoreStats {
    return { ...this.#stats };
  }

  close(): Promise<void> {
    return this.#store.close();
  }
}
