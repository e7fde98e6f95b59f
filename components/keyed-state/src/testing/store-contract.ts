import { afterEach, describe, expect, it } from 'vitest';
import { KeyedStateError } from '../errors';
import { timeKey } from '../time-key';
import type { ChangelogEntry, KeyedStore, KeyedStoreOptions } from '../types';

/**
 * How the contract suite drives a backend: `open` a store on fresh (or, after `reopen`, the same)
 * storage. `reopen` closes nothing itself: the suite closes first, as a restart would.
 */
export interface StoreHarness {
  /** A new, empty location; returns a function opening stores on it (repeatable: same location). */
  newLocation(): <V>(options?: KeyedStoreOptions<V>) => Promise<KeyedStore<V>>;
}

interface Totals {
  count: number;
  sum: number;
}

async function collect<V>(iterable: AsyncIterable<[string, V]>): Promise<[string, V][]> {
  const entries: [string, V][] = [];
  for await (const entry of iterable) {
    entries.push(entry);
  }
  return entries;
}

function keysOf(entries: readonly ChangelogEntry[]): string[] {
  return entries.map((entry) => entry.key).sort();
}

/** The behaviour every `KeyedStore` backend must show; call it inside a `describe` per backend. */
export function defineStoreContract(harness: StoreHarness): void {
  const open: KeyedStore<unknown>[] = [];
  async function openStore<V>(
    location: <W>(options?: KeyedStoreOptions<W>) => Promise<KeyedStore<W>>,
    options?: KeyedStoreOptions<V>,
  ): Promise<KeyedStore<V>> {
    const store = await location<V>(options);
    open.push(store as KeyedStore<unknown>);
    return store;
  }

  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  describe('get/put/delete', () => {
    it('reads its own uncommitted writes, including structured values', async () => {
      const store = await openStore<Totals | Map<string, number>>(harness.newLocation());
      store.put('a', { count: 1, sum: 10 });
      store.put('m', new Map([['x', 1]]));
      expect(store.get('a')).toEqual({ count: 1, sum: 10 });
      expect(store.get('m')).toEqual(new Map([['x', 1]]));
      expect(store.has('a')).toBe(true);
      expect(store.get('missing')).toBeUndefined();
      expect(store.has('missing')).toBe(false);
    });

    it('keeps values after commit, close and reopen', async () => {
      const location = harness.newLocation();
      const first = await openStore<Totals>(location);
      first.put('a', { count: 1, sum: 10 });
      first.put('b', { count: 2, sum: 5 });
      await first.commit({ offset: '7' });
      expect(first.get('a')).toEqual({ count: 1, sum: 10 });
      await first.close();

      const second = await openStore<Totals>(location);
      expect(second.get('a')).toEqual({ count: 1, sum: 10 });
      expect(second.get('b')).toEqual({ count: 2, sum: 5 });
      expect(second.get('c')).toBeUndefined();
      expect(await second.readMetadata()).toEqual({ offset: '7' });
    });

    it('serves committed values through a read cache bounded by cacheEntries', async () => {
      const store = await openStore<number>(harness.newLocation(), { cacheEntries: 2 });
      for (const key of ['a', 'b', 'c', 'd']) {
        store.put(key, key.charCodeAt(0));
      }
      await store.commit({});
      expect(store.cachedCount).toBe(2);
      expect(['a', 'b', 'c', 'd'].map((key) => store.get(key))).toEqual([97, 98, 99, 100]);
      expect(store.cachedCount).toBe(2);
    });

    it('overwrites a committed value with a later put', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      store.put('a', 1);
      await store.commit({});
      store.put('a', 2);
      expect(store.get('a')).toBe(2);
      await store.commit({});
      await store.close();
      expect((await openStore<number>(location)).get('a')).toBe(2);
    });

    it('hides a committed key as soon as it is deleted, and after commit and reopen', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      store.put('a', 1);
      await store.commit({});
      store.delete('a');
      expect(store.get('a')).toBeUndefined();
      expect(store.has('a')).toBe(false);
      await store.commit({});
      expect(store.get('a')).toBeUndefined();
      await store.close();
      expect((await openStore<number>(location)).get('a')).toBeUndefined();
    });

    it('reads a batch with getMany, uncommitted writes winning', async () => {
      const store = await openStore<number>(harness.newLocation(), { cacheEntries: 0 });
      store.put('a', 1);
      store.put('b', 2);
      await store.commit({});
      store.put('b', 20);
      store.delete('a');
      expect(await store.getMany(['a', 'b', 'c'])).toEqual([undefined, 20, undefined]);
    });

    it('rejects undefined values and non-string keys with KEYED_STATE_INVALID_ARGUMENT', async () => {
      const store = await openStore<number | undefined>(harness.newLocation());
      expect(() => store.put('a', undefined)).toThrow(
        expect.objectContaining({ code: 'KEYED_STATE_INVALID_ARGUMENT' }),
      );
      expect(() => store.put(1 as unknown as string, 1)).toThrow(KeyedStateError);
      expect(() => store.put('a', 1, -5)).toThrow(expect.objectContaining({ code: 'KEYED_STATE_INVALID_ARGUMENT' }));
    });

    it('uses a custom codec for the bytes it stores', async () => {
      const location = harness.newLocation();
      const codec = {
        encode: (value: string): Buffer => Buffer.from(value.toUpperCase()),
        decode: (bytes: Buffer): string => `decoded:${bytes.toString()}`,
      };
      const store = await openStore<string>(location, { codec });
      store.put('a', 'hello');
      const [entry] = store.dirtyEntries();
      expect(entry?.value?.subarray(-5).toString()).toBe('HELLO');
      await store.commit({});
      await store.close();
      expect((await openStore<string>(location, { codec })).get('a')).toBe('decoded:HELLO');
    });
  });

  describe('dirtyEntries()', () => {
    it('lists changes since the last commit, with null for deletes, one entry per key', async () => {
      const store = await openStore<number>(harness.newLocation());
      store.put('a', 1);
      await store.commit({});
      expect(store.dirtyEntries()).toEqual([]);
      store.put('b', 1);
      store.put('b', 2);
      store.delete('a');
      const entries = store.dirtyEntries();
      expect(keysOf(entries)).toEqual(['a', 'b']);
      expect(entries.find((entry) => entry.key === 'a')?.value).toBeNull();
      expect(entries.find((entry) => entry.key === 'b')?.value).toBeInstanceOf(Buffer);
      expect(store.dirtyCount).toBe(2);
    });

    it('is a snapshot: later writes do not change it and are left for the next commit', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      store.put('a', 1);
      const snapshot = store.dirtyEntries();
      store.put('a', 2);
      store.put('b', 3);
      expect(snapshot).toHaveLength(1);
      await store.commit({ offset: '1' });
      // Only the snapshot reached the backend: 'a' = 1 with offset 1; the newer writes are still dirty.
      expect(keysOf(store.dirtyEntries())).toEqual(['a', 'b']);
      expect(store.get('a')).toBe(2);
      await store.close();
      const reopened = await openStore<number>(location);
      expect(reopened.get('a')).toBe(1);
      expect(reopened.get('b')).toBeUndefined();
    });

    it('commits an empty snapshot as empty, leaving the writes made after it for the next commit', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      expect(store.dirtyEntries()).toEqual([]);
      // Written while the (empty) changelog snapshot was being produced: not part of this checkpoint.
      store.put('a', 1);
      await store.commit({ offset: '1' });
      expect(keysOf(store.dirtyEntries())).toEqual(['a']);
      await store.close();
      const reopened = await openStore<number>(location);
      expect(reopened.get('a')).toBeUndefined();
      expect(await reopened.readMetadata()).toEqual({ offset: '1' });
    });

    it('commits the state as of the call: writes made while the commit is written wait for the next one', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      store.put('a', 1);
      const committed = store.commit({ offset: '1' });
      store.put('b', 2); // while the commit is being written
      await committed;
      expect(keysOf(store.dirtyEntries())).toEqual(['b']);
      await store.close();
      const reopened = await openStore<number>(location);
      expect(reopened.get('a')).toBe(1);
      expect(reopened.get('b')).toBeUndefined();
      expect(await reopened.readMetadata()).toEqual({ offset: '1' });
    });

    it('returns the union of changes when called twice before a commit', async () => {
      const store = await openStore<number>(harness.newLocation());
      store.put('a', 1);
      store.dirtyEntries();
      store.put('b', 2);
      store.delete('a');
      const entries = store.dirtyEntries();
      expect(keysOf(entries)).toEqual(['a', 'b']);
      expect(entries.find((entry) => entry.key === 'a')?.value).toBeNull();
    });

    it('leaves no trace of a key inserted and deleted again between two snapshots', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      store.insert('short-lived', 1);
      store.put('short-lived', 2);
      expect(store.get('short-lived')).toBe(2);
      store.insert('kept', 3);
      store.delete('short-lived');
      expect(store.get('short-lived')).toBeUndefined();
      expect(keysOf(store.dirtyEntries())).toEqual(['kept']);
      await store.commit({});
      await store.close();
      const reopened = await openStore<number>(location);
      expect(reopened.get('short-lived')).toBeUndefined();
      expect(reopened.get('kept')).toBe(3);
    });

    it('writes a tombstone for an inserted key deleted after a snapshot took it, or that deleted a committed value', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      store.put('committed', 1);
      await store.commit({});
      store.insert('snapshotted', 2);
      store.dirtyEntries();
      store.delete('snapshotted');
      // Deleted, then re-created by insert and deleted again: the committed 1 must stay deleted.
      store.delete('committed');
      store.insert('committed', 3);
      store.delete('committed');
      const entries = store.dirtyEntries();
      expect(
        entries
          .filter((entry) => entry.value === null)
          .map((entry) => entry.key)
          .sort(),
      ).toEqual(['committed', 'snapshotted']);
      await store.commit({});
      await store.close();
      const reopened = await openStore<number>(location);
      expect(reopened.get('committed')).toBeUndefined();
      expect(reopened.get('snapshotted')).toBeUndefined();
    });

    it('rejects inserting undefined with KEYED_STATE_INVALID_ARGUMENT', async () => {
      const store = await openStore<number>(harness.newLocation());
      expect(() => store.insert('a', undefined as unknown as number)).toThrow(
        expect.objectContaining({ code: 'KEYED_STATE_INVALID_ARGUMENT' }),
      );
    });

    it('restores to the same values in another store (changelog round trip)', async () => {
      const source = await openStore<Totals>(harness.newLocation());
      source.put('a', { count: 1, sum: 2 });
      source.put('b', { count: 3, sum: 4 });
      const changelog = source.dirtyEntries();
      const target = await openStore<Totals>(harness.newLocation());
      await target.restore(changelog, { 'changelog-offset': '2' });
      expect(target.get('a')).toEqual({ count: 1, sum: 2 });
      expect(target.get('b')).toEqual({ count: 3, sum: 4 });
    });
  });

  describe('commit()', () => {
    it('stores the metadata with the state and replaces the previous metadata', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      expect(await store.readMetadata()).toEqual({});
      store.put('a', 1);
      await store.commit({ 'input-0': '10', 'input-1': '4' });
      store.put('a', 2);
      await store.commit({ 'input-0': '12' });
      expect(store.committedMetadata()).toEqual({ 'input-0': '12' });
      expect(store.dirtyCount).toBe(0);
      await store.close();
      const reopened = await openStore<number>(location);
      expect(await reopened.readMetadata()).toEqual({ 'input-0': '12' });
      expect(reopened.get('a')).toBe(2);
    });

    it('keeps metadata names apart from user keys that look alike', async () => {
      const location = harness.newLocation();
      const store = await openStore<string>(location);
      store.put('offset', 'user value');
      store.put('moffset', 'another');
      await store.commit({ offset: '5' });
      await store.close();
      const reopened = await openStore<string>(location);
      expect(reopened.get('offset')).toBe('user value');
      expect(await reopened.readMetadata()).toEqual({ offset: '5' });
      expect(await collect(reopened.scan())).toEqual([
        ['moffset', 'another'],
        ['offset', 'user value'],
      ]);
    });

    it('loses uncommitted writes on close: state and metadata stay at the last commit', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      store.put('a', 1);
      await store.commit({ offset: '1' });
      store.put('a', 2);
      store.put('b', 2);
      store.dirtyEntries();
      await store.close();
      const reopened = await openStore<number>(location);
      expect([reopened.get('a'), reopened.get('b')]).toEqual([1, undefined]);
      expect(await reopened.readMetadata()).toEqual({ offset: '1' });
    });

    it('rejects non-string metadata values', async () => {
      const store = await openStore<number>(harness.newLocation());
      await expect(store.commit({ offset: 5 as unknown as string })).rejects.toMatchObject({
        code: 'KEYED_STATE_INVALID_ARGUMENT',
      });
    });
  });

  describe('restore()', () => {
    it('applies puts and tombstones from a changelog, async or sync, with metadata', async () => {
      const source = await openStore<number>(harness.newLocation());
      source.put('a', 1);
      source.put('b', 2);
      source.put('c', 3);
      const first = source.dirtyEntries();
      await source.commit({});
      source.delete('b');
      source.put('c', 30);
      const second = source.dirtyEntries();

      const location = harness.newLocation();
      const target = await openStore<number>(location);
      target.get('c'); // cached before the restore: must not survive it
      async function* changelog(): AsyncGenerator<ChangelogEntry> {
        yield* first;
        yield* second;
      }
      await target.restore(changelog(), { 'changelog-offset': '5' });
      expect([target.get('a'), target.get('b'), target.get('c')]).toEqual([1, undefined, 30]);
      await target.close();
      const reopened = await openStore<number>(location);
      expect([reopened.get('a'), reopened.get('b'), reopened.get('c')]).toEqual([1, undefined, 30]);
      expect(await reopened.readMetadata()).toEqual({ 'changelog-offset': '5' });
    });

    it('restores more entries than one batch', async () => {
      const store = await openStore<number>(harness.newLocation());
      const source = await openStore<number>(harness.newLocation());
      for (let i = 0; i < 25_000; i += 1) {
        source.put(`k${i}`, i);
      }
      await store.restore(source.dirtyEntries());
      expect([store.get('k0'), store.get('k12345'), store.get('k24999')]).toEqual([0, 12345, 24999]);
    });

    it('rejects values that are not in the record format with KEYED_STATE_CORRUPT', async () => {
      const store = await openStore<number>(harness.newLocation());
      await expect(store.restore([{ key: 'a', value: Buffer.from('xx') }])).rejects.toMatchObject({
        code: 'KEYED_STATE_CORRUPT',
      });
    });
  });

  describe('scan()', () => {
    it('merges committed and uncommitted entries in key order; uncommitted writes and deletes win', async () => {
      const store = await openStore<number>(harness.newLocation());
      for (const key of ['a', 'c', 'e', 'g']) {
        store.put(key, 1);
      }
      await store.commit({});
      store.put('b', 2);
      store.put('c', 2);
      store.delete('e');
      store.put('h', 2);
      expect(await collect(store.scan())).toEqual([
        ['a', 1],
        ['b', 2],
        ['c', 2],
        ['g', 1],
        ['h', 2],
      ]);
    });

    it('honours prefix, gte, lt and limit together', async () => {
      const store = await openStore<number>(harness.newLocation());
      for (const key of ['u:1', 'u:2', 'u:3', 'v:1', 'u']) {
        store.put(key, 1);
      }
      await store.commit({});
      store.put('u:4', 2);
      store.delete('u:2');
      expect((await collect(store.scan({ prefix: 'u:' }))).map(([key]) => key)).toEqual(['u:1', 'u:3', 'u:4']);
      expect((await collect(store.scan({ prefix: 'u:', gte: 'u:3' }))).map(([key]) => key)).toEqual(['u:3', 'u:4']);
      expect((await collect(store.scan({ gte: 'u:1', lt: 'u:4' }))).map(([key]) => key)).toEqual(['u:1', 'u:3']);
      expect((await collect(store.scan({ prefix: 'u:', limit: 2 }))).map(([key]) => key)).toEqual(['u:1', 'u:3']);
    });

    it('orders keys by UTF-8 bytes, like LevelDB, in both committed and uncommitted state', async () => {
      const store = await openStore<number>(harness.newLocation());
      store.put('\u{1F600}', 1); // above the BMP: after U+FFFD in byte order, before it in UTF-16 order
      await store.commit({});
      store.put('\uFFFD', 2);
      expect((await collect(store.scan())).map(([key]) => key)).toEqual(['\uFFFD', '\u{1F600}']);
    });

    it('sees the state as of the call, not writes made while iterating', async () => {
      const store = await openStore<number>(harness.newLocation());
      store.put('a', 1);
      store.put('b', 1);
      await store.commit({});
      const seen: string[] = [];
      for await (const [key] of store.scan()) {
        seen.push(key);
        store.put('c', 1);
      }
      expect(seen).toEqual(['a', 'b']);
    });
  });

  describe('time keys and expiry', () => {
    it('scans a time range [fromMs, toMs) of time keys in time order', async () => {
      const store = await openStore<string>(harness.newLocation());
      for (const timestampMs of [5_000, 1_000, 10_000, 9_999, 100_000]) {
        store.put(timeKey('w:', timestampMs, ':k'), `t${timestampMs}`);
      }
      await store.commit({});
      store.put(timeKey('w:', 2_000, ':k'), 't2000');
      const values = (await collect(store.scanTimeRange('w:', 1_000, 10_000))).map(([, value]) => value);
      expect(values).toEqual(['t1000', 't2000', 't5000', 't9999']);
    });

    it('expireBefore deletes the time keys before a timestamp and reports how many', async () => {
      const store = await openStore<number>(harness.newLocation());
      for (const timestampMs of [1_000, 2_000, 3_000]) {
        store.put(timeKey('w:', timestampMs, ':a'), timestampMs);
      }
      store.put('other', 1);
      await store.commit({});
      expect(await store.expireBefore('w:', 3_000)).toBe(2);
      expect((await collect(store.scan())).map(([key]) => key)).toEqual(['other', timeKey('w:', 3_000, ':a')]);
      expect(keysOf(store.dirtyEntries())).toEqual([timeKey('w:', 1_000, ':a'), timeKey('w:', 2_000, ':a')]);
    });

    it('deleteRange deletes committed and uncommitted keys in the range', async () => {
      const store = await openStore<number>(harness.newLocation());
      store.put('a:1', 1);
      await store.commit({});
      store.put('a:2', 2);
      store.put('b:1', 3);
      expect(await store.deleteRange({ prefix: 'a:' })).toBe(2);
      expect((await collect(store.scan())).map(([key]) => key)).toEqual(['b:1']);
    });

    it('expireIdle deletes keys not written for ttlMs, committed or not, and keeps the rest', async () => {
      let nowMs = 1_000_000;
      const location = harness.newLocation();
      const store = await openStore<number>(location, { ttlMs: 60_000, now: () => nowMs });
      store.put('old-committed', 1); // written at 1_000_000
      store.put('event-time', 1, 900_000); // caller-supplied event time
      await store.commit({});
      nowMs = 1_030_000;
      store.put('recent', 1);
      store.put('rewritten', 1, 950_000);
      await store.commit({});
      store.put('rewritten', 2); // rewritten at 1_030_000: its old index entry is stale
      store.put('old-dirty', 1, 1_000_000); // never committed, so not in the index yet

      // 1_060_000 - 60_000 = 1_000_000: keys written at or before 1_000_000 are idle for >= ttlMs.
      expect(await store.expireIdle(1_060_000)).toBe(3);
      expect((await collect(store.scan())).map(([key]) => key)).toEqual(['recent', 'rewritten']);
      expect(keysOf(store.dirtyEntries())).toEqual(['event-time', 'old-committed', 'old-dirty', 'rewritten']);
      await store.commit({});
      expect(await store.expireIdle(1_060_000)).toBe(0);

      await store.close();
      const reopened = await openStore<number>(location, { ttlMs: 60_000, now: () => nowMs });
      expect((await collect(reopened.scan())).map(([key]) => key)).toEqual(['recent', 'rewritten']);
      expect(await reopened.expireIdle(1_090_000)).toBe(2);
    });

    it('expireIdle indexes keys committed before the store was opened with ttlMs', async () => {
      const location = harness.newLocation();
      const plain = await openStore<number>(location, { now: () => 10 });
      plain.put('a', 1);
      await plain.commit({});
      await plain.close();
      const withTtl = await openStore<number>(location, { ttlMs: 100, now: () => 50 });
      expect(await withTtl.expireIdle(109)).toBe(0);
      expect(await withTtl.expireIdle(110)).toBe(1);
      expect(withTtl.get('a')).toBeUndefined();
    });

    it('expireIdle on a store without ttlMs fails with KEYED_STATE_INVALID_OPTIONS', async () => {
      const store = await openStore<number>(harness.newLocation());
      await expect(store.expireIdle(1)).rejects.toMatchObject({ code: 'KEYED_STATE_INVALID_OPTIONS' });
    });

    it('ttlMs without a clock fails fast with KEYED_STATE_INVALID_OPTIONS naming every problem', async () => {
      await expect(openStore<number>(harness.newLocation(), { ttlMs: -1, cacheEntries: 1.5 })).rejects.toThrow(
        /cacheEntries.*ttlMs must be.*ttlMs needs a clock/,
      );
    });
  });

  describe('lifecycle', () => {
    it('fails every call after close with KEYED_STATE_CLOSED, and close is idempotent', async () => {
      const store = await openStore<number>(harness.newLocation());
      await store.close();
      await store.close();
      expect(() => store.get('a')).toThrow(expect.objectContaining({ code: 'KEYED_STATE_CLOSED' }));
      expect(() => store.put('a', 1)).toThrow(expect.objectContaining({ code: 'KEYED_STATE_CLOSED' }));
      await expect(store.commit({})).rejects.toMatchObject({ code: 'KEYED_STATE_CLOSED' });
    });

    it('destroy deletes the committed state', async () => {
      const location = harness.newLocation();
      const store = await openStore<number>(location);
      store.put('a', 1);
      await store.commit({ offset: '1' });
      await store.destroy();
      const reopened = await openStore<number>(location);
      expect(reopened.get('a')).toBeUndefined();
      expect(await reopened.readMetadata()).toEqual({});
    });

    it('reports dirty and cached counts and a size figure', async () => {
      const store = await openStore<number>(harness.newLocation());
      store.put('a', 1);
      store.put('b', 2);
      expect(store.dirtyCount).toBe(2);
      await store.commit({});
      expect(store.dirtyCount).toBe(0);
      expect(store.cachedCount).toBe(2);
      expect(await store.approximateSizeBytes()).toBeGreaterThanOrEqual(0);
    });
  });
}
