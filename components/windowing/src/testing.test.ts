import { describe, expect, it } from 'vitest';
import { createMemoryWindowStateStore } from './testing';

describe('createMemoryWindowStateStore()', () => {
  it('gets what was put, forgets what was deleted, and lists its keys', () => {
    const store = createMemoryWindowStateStore<number>();
    store.put('a\u00000', 1);
    store.put('b\u00000', 2);
    store.delete('a\u00000');
    expect(store.get('a\u00000')).toBeUndefined();
    expect(store.get('b\u00000')).toBe(2);
    expect(store.keys()).toEqual(['b\u00000']);
    expect(store.entries()).toEqual([['b\u00000', 2]]);
    expect(store.size).toBe(1);
  });

  it('copies values like a serialising store when asked to', () => {
    const store = createMemoryWindowStateStore<{ n: number }>({ structuredClone: true });
    const value = { n: 1 };
    store.put('k', value);
    value.n = 2;
    expect(store.get('k')).toEqual({ n: 1 });
  });
});
