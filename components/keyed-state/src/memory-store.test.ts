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

  it('reports a size in bytes once state is committed', async () => {
    const store = createMemoryStore<string>();
    store.put('a', 'x'.repeat(100));
    await store.commit({});
    expect(await store.approximateSizeBytes()).toBeGreaterThan(100);
  });
});
