import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './memory-storage';
import { createMemoryStore } from './memory-store';
import { defineStoreContract } from './testing/store-contract';

describe('createMemoryStore()', () => {
  defineStoreContract({
    newLocation() {
      const storage = createMemoryStorage();
      return async (options) => createMemoryStore({ ...options, storage });
    },
  });

  it('opens synchronously, ready to use', () => {
    const store = createMemoryStore<number>();
    store.put('a', 1);
    expect(store.get('a')).toBe(1);
  });

  it('caches committed values but not committed deletes, which are mostly never read again', async () => {
    const store = createMemoryStore<number>();
    store.put('kept', 1);
    store.put('gone', 2);
    await store.commit({});
    expect(store.cachedCount).toBe(2);

    store.delete('gone');
    await store.commit({});

    expect(store.cachedCount).toBe(1);
    expect([store.get('kept'), store.get('gone')]).toEqual([1, undefined]);
  });

  it('reports a size in bytes once state is committed', async () => {
    const store = createMemoryStore<string>();
    store.put('a', 'x'.repeat(100));
    await store.commit({});
    expect(await store.approximateSizeBytes()).toBeGreaterThan(100);
  });
});
