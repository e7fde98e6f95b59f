/** Marks a key known to be absent from the backend, so misses are cached too. */
export const ABSENT: unique symbol = Symbol('absent');

/**
 * Share of the capacity evicted at once. Evicting one key per insert would restart a `Map` iterator
 * each time, and V8's iterator walks over the holes left by earlier deletes: quadratic time.
 */
const EVICTION_FRACTION = 0.1;

/**
 * A bounded LRU of clean (committed) decoded values, on `Map` insertion order: a hit moves the key
 * to the back, inserts evict from the front.
 */
export class ReadCache<V> {
  readonly #entries = new Map<string, V | typeof ABSENT>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value, `ABSENT` for a cached miss, `undefined` if not cached. */
  get(key: string): V | typeof ABSENT | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V | typeof ABSENT): void {
    if (this.#capacity === 0) {
      return;
    }
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#capacity) {
      this.#evictOldest(this.#entries.size - this.#capacity + Math.floor(this.#capacity * EVICTION_FRACTION));
    }
  }

  #evictOldest(count: number): void {
    let left = count;
    for (const key of this.#entries.keys()) {
      if (left <= 0) {
        return;
      }
      this.#entries.delete(key);
      left -= 1;
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
