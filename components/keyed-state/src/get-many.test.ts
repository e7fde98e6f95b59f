import { describe, expect, it } from 'vitest';
import { OverlayKeyedStore } from './keyed-store';
import { asStateStorage, createMemoryStorage } from './memory-storage';
import { resolveOptions } from './store-options';
import type { StateStorage } from './state-storage';

interface GatedStorage {
  readonly storage: StateStorage;
  /** Makes the next `getMany` calls wait for `release()`. */
  hold(): void;
  release(): void;
  /** `getSync` calls so far. */
  pointReads(): number;
}

function gatedStorage(): GatedStorage {
  const inner = asStateStorage(createMemoryStorage());
  let pointReads = 0;
  let release = (): void => undefined;
  let gate = Promise.resolve();
  const storage: StateStorage = {
    getSync: (key) => {
      pointReads += 1;
      return inner.getSync(key);
    },
    getMany: async (keys) => {
      const answer = await inner.getMany(keys);
      await gate;
      return answer;
    },
    write: (writes, options) => inner.write(writes, options),
    entries: (range) => inner.entries(range),
    approximateSizeBytes: (range) => inner.approximateSizeBytes(range),
    close: () => inner.close(),
    destroy: () => inner.destroy(),
  };
  return {
    storage,
    hold: () => {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    release: () => release(),
    pointReads: () => pointReads,
  };
}

function openStore(storage: StateStorage): OverlayKeyedStore<number> {
  return new OverlayKeyedStore<number>(storage, { ...resolveOptions<number>({}), metadata: {} });
}

describe('getMany', () => {
  it('warms the read cache by default, and leaves it alone with cache: false', async () => {
    const { storage } = gatedStorage();
    const store = openStore(storage);
    store.put('a', 1);
    await store.commit({});
    const cold = openStore(storage);

    expect(await cold.getMany(['a', 'b'], { cache: false })).toEqual([1, undefined]);
    expect(cold.cachedCount).toBe(0);
    expect(await cold.getMany(['a', 'b'])).toEqual([1, undefined]);
    expect(cold.cachedCount).toBe(2);
  });

  it('answers with what a commit wrote while the backend was being read, and the batch read for the rest', async () => {
    const gated = gatedStorage();
    const store = openStore(gated.storage);
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const) {
      store.put(key, value);
    }
    await store.commit({});
    const reader = openStore(gated.storage);
    gated.hold();

    const reading = reader.getMany(['a', 'b', 'c', 'd'], { cache: false });
    reader.put('b', 20);
    reader.put('d', 40);
    await reader.commit({});
    gated.release();

    expect(await reading).toEqual([1, 20, 3, 40]);
    // a and c come from the batch read; b and d from the values the commit just cached.
    expect(gated.pointReads()).toBe(0);
  });

  it('answers with what a restore wrote while the backend was being read', async () => {
    const gated = gatedStorage();
    const store = openStore(gated.storage);
    store.put('a', 1);
    await store.commit({});
    const source = openStore(asStateStorage(createMemoryStorage()));
    source.put('a', 10);
    const changelog = source.dirtyEntries();
    const reader = openStore(gated.storage);
    gated.hold();

    const reading = reader.getMany(['a']);
    await reader.restore(changelog);
    gated.release();

    expect(await reading).toEqual([10]);
  });
});
