/**
 * Test kit for bricks that use `@fp/windowing`: an in-memory `WindowStateStore`.
 */
import type { WindowStateStore } from './window-state-store';

/** A `WindowStateStore` over a `Map`, with the views tests need (and a restore scan needs). */
export interface MemoryWindowStateStore<V = unknown> extends WindowStateStore<V> {
  /** Every store key, in insertion order: what a runtime's scan at task start would pass to `restore`. */
  keys(): string[];
  entries(): Array<[string, V]>;
  readonly size: number;
}

/**
 * An in-memory store. Values are kept as given (no serialisation); pass `{ structuredClone: true }`
 * to copy them on `put` and `get` like a serialising store would, which catches accumulators
 * mutated after being stored.
 */
export function createMemoryWindowStateStore<V = unknown>(
  options: { structuredClone?: boolean } = {},
): MemoryWindowStateStore<V> {
  const entries = new Map<string, V>();
  const copy =
    options.structuredClone === true ? <T>(value: T): T => structuredClone(value) : <T>(value: T): T => value;
  return {
    get: (storeKey) => {
      const value = entries.get(storeKey);
      return value === undefined ? undefined : copy(value);
    },
    put: (storeKey, value) => {
      entries.set(storeKey, copy(value));
    },
    insert: (storeKey, value) => {
      // The engine's promise, checked: an insert never hides a value the store holds.
      if (entries.has(storeKey)) throw new Error(`insert of ${JSON.stringify(storeKey)}, which the store holds`);
      entries.set(storeKey, copy(value));
    },
    delete: (storeKey) => {
      entries.delete(storeKey);
    },
    keys: () => [...entries.keys()],
    entries: () => [...entries.entries()],
    get size() {
      return entries.size;
    },
  };
}
