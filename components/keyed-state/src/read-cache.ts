/** Marks a key known to be absent from the backend, so misses are cached too. */
export const ABSENT: unique symbol = Symbol('absent');

/**
 * Share of the capacity evicted at once. Evicting one key per insert would restart a `Map` iterator
 * each time, and V8's iterator walks over the holes left by earlier deletes: quadratic time.
 */
const EVICTION_FRACTION = 0.1;

interface CacheEntry<V> {
  value: V | typeof ABSENT;
  /** Read since it was inserted or last given a second chance. */
  isReferenced: boolean;
}

/**
 * A bounded cache of clean (committed) decoded values that evicts about the least recently used
 * (CLOCK, on `Map` insertion order): a hit only marks its entry, and eviction walks from the
 * oldest insert, moving marked entries to the back (unmarked) and dropping the others. A hit
 * costs one lookup instead of the delete and re-insert an exact LRU needs on every read.
 */
export class ReadCache<V> {
  readonly #entries = new Map<string, CacheEntry<V>>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value, `ABSENT` for a cached miss, `undefined` if not cached. */
  get(key: string): V | typeof ABSENT | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    entry.isReferenced = true;
    return entry.value;
  }

  set(key: string, value: V | typeof ABSENT): void {
    if (this.#capacity === 0) {
      return;
    }
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      entry.value = value;
      entry.isReferenced = true;
      return;
    }
    this.#entries.set(key, { value, isReferenced: false });
    if (this.#entries.size > this.#capacity) {
      this.#evict(this.#entries.size - this.#capacity + Math.floor(this.#capacity * EVICTION_FRACTION));
    }
  }

  #evict(count: number): void {
    let left = count;
    const secondChances: [string, CacheEntry<V>][] = [];
    for (const [key, entry] of this.#entries) {
      if (left <= 0) {
        break;
      }
      this.#entries.delete(key);
      if (entry.isReferenced) {
        entry.isReferenced = false;
        secondChances.push([key, entry]);
      } else {
        left -= 1;
      }
    }
    // Re-inserted after the walk, so the walk never meets them again; if all were marked, some go anyway.
    for (const [key, entry] of secondChances) {
      if (this.#entries.size >= this.#capacity) {
        break;
      }
      this.#entries.set(key, entry);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
