/** One write of an atomic batch: `value: null` deletes `key`. */
export interface StorageWrite {
  readonly key: string;
  readonly value: Buffer | null;
}

/**
 * What a backend provides to the keyed store: a sorted map of raw string keys (UTF-8 byte order)
 * to bytes with synchronous point reads and atomic batches. All semantics (overlay, cache, TTL,
 * metadata) live above it, in `createKeyedStore`, so every backend behaves the same.
 */
export interface StateStorage {
  getSync(key: string): Buffer | undefined;
  getMany(keys: readonly string[]): Promise<(Buffer | undefined)[]>;
  /** Atomic; `durable` asks for an fsync before resolving. */
  write(writes: readonly StorageWrite[], options: { durable: boolean }): Promise<void>;
  /** Entries with `gte <= key < lt` in key order, read from a consistent snapshot taken on call. */
  entries(range: { gte: string; lt: string }): AsyncIterable<[string, Buffer]>;
  approximateSizeBytes(range: { gte: string; lt: string }): Promise<number>;
  close(): Promise<void>;
  destroy(): Promise<void>;
}
