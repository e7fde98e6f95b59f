import type { KeyedStore } from '@fp/keyed-state';

/**
 * The least a task needs from a store (get, put, delete, scan), on one plain `Map`: no overlay,
 * no codec, no commits. Benchmarks use it to tell the engine's cost from the state store's.
 */
export function createMapStore(): KeyedStore<unknown> {
  const entries = new Map<string, unknown>();
  const unsupported = (what: string) => (): never => {
    throw new Error(`the benchmark map store does not support ${what}`);
  };
  return {
    get: (key) => entries.get(key),
    has: (key) => entries.has(key),
    put: (key, value) => {
      entries.set(key, value);
    },
    insert: (key, value) => {
      entries.set(key, value);
    },
    delete: (key) => {
      entries.delete(key);
    },
    getMany: async (keys) => keys.map((key) => entries.get(key)),
    dirtyEntries: () => [],
    commit: async () => undefined,
    readMetadata: async () => ({}),
    committedMetadata: () => ({}),
    restore: unsupported('restore'),
    scan: () =>
      (async function* () {
        yield* entries;
      })(),
    scanTimeRange: unsupported('scanTimeRange'),
    deleteRange: unsupported('deleteRange'),
    expireBefore: unsupported('expireBefore'),
    expireIdle: unsupported('expireIdle'),
    get dirtyCount() {
      return 0;
    },
    get cachedCount() {
      return entries.size;
    },
    approximateSizeBytes: async () => 0,
    close: async () => undefined,
    destroy: async () => undefined,
  };
}
