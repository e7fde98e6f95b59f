import { compareKeys } from './compare-keys';
import type { StateStorage, StorageWrite } from './state-storage';

/**
 * An in-memory backend that outlives the stores opened on it, like a directory on disk: pass the
 * same one to `createMemoryStore({ storage })` again to simulate a restart. Scans sort on each
 * call, so it suits tests and small state only.
 */
export interface MemoryStorage {
  /** Entries held, including the store's metadata and bookkeeping keys. */
  readonly size: number;
}

export interface InternalMemoryStorage extends MemoryStorage, StateStorage {
  entriesSync(range: { gte: string; lt: string }): [string, Buffer][];
  writeSync(writes: readonly StorageWrite[]): void;
}

export function createMemoryStorage(): MemoryStorage {
  return new MapStorage();
}

export function asStateStorage(storage: MemoryStorage): InternalMemoryStorage {
  if (!(storage instanceof MapStorage)) {
    throw new TypeError('storage must come from createMemoryStorage()');
  }
  return storage;
}

class MapStorage implements InternalMemoryStorage {
  readonly #entries = new Map<string, Buffer>();

  get size(): number {
    return this.#entries.size;
  }

  getSync(key: string): Buffer | undefined {
    return this.#entries.get(key);
  }

  async getMany(keys: readonly string[]): Promise<(Buffer | undefined)[]> {
    return keys.map((key) => this.#entries.get(key));
  }

  async write(writes: readonly StorageWrite[]): Promise<void> {
    this.writeSync(writes);
  }

  writeSync(writes: readonly StorageWrite[]): void {
    for (const { key, value } of writes) {
      if (value === null) {
        this.#entries.delete(key);
      } else {
        this.#entries.set(key, value);
      }
    }
  }

  entriesSync(range: { gte: string; lt: string }): [string, Buffer][] {
    return [...this.#entries]
      .filter(([key]) => compareKeys(key, range.gte) >= 0 && compareKeys(key, range.lt) < 0)
      .sort(([a], [b]) => compareKeys(a, b));
  }

  entries(range: { gte: string; lt: string }): AsyncIterable<[string, Buffer]> {
    const snapshot = this.entriesSync(range);
    return (async function* () {
      yield* snapshot;
    })();
  }

  async approximateSizeBytes(range: { gte: string; lt: string }): Promise<number> {
    let bytes = 0;
    for (const [key, value] of this.#entries) {
      if (compareKeys(key, range.gte) >= 0 && compareKeys(key, range.lt) < 0) {
        bytes += Buffer.byteLength(key) + value.length;
      }
    }
    return bytes;
  }

  async close(): Promise<void> {
    // The map is the "disk": it stays for the next store opened on it.
  }

  async destroy(): Promise<void> {
    this.#entries.clear();
  }
}
