import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLevelStore } from './level-store';
import { CHECKPOINT_KEYS } from './testing/crash-checkpoints';
import { defineStoreContract } from './testing/store-contract';

/** Far above what a million small entries need (~200 MB measured), far below a leak of them all. */
const RSS_LIMIT_BYTES = 1.5 * 1024 ** 3;
const MILLION = 1_000_000;
const COMMIT_EVERY_KEYS = 100_000;
const CHILD_TIMEOUT_MS = 60_000;

let root = '';
let locations = 0;
const newPath = (): string => join(root, `store-${(locations += 1)}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyed-state-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('openLevelStore()', () => {
  defineStoreContract({
    newLocation() {
      const path = newPath();
      return (options) => openLevelStore({ ...options, path });
    },
  });

  it('fails with KEYED_STATE_IO when another store holds the directory', async () => {
    const path = newPath();
    const store = await openLevelStore<number>({ path });
    await expect(openLevelStore<number>({ path })).rejects.toMatchObject({ code: 'KEYED_STATE_IO' });
    await store.close();
  });

  it('answers a getMany of many keys (read in parallel parts) in request order, absent keys included', async () => {
    const store = await openLevelStore<number>({ path: newPath() });
    for (let i = 0; i < 3_000; i += 2) store.put(`k${i}`, i);
    await store.commit({});
    const keys = Array.from({ length: 2_001 }, (_, i) => `k${(i * 7) % 3_000}`);
    const values = await store.getMany(keys, { cache: false });
    expect(values).toEqual(keys.map((key) => (Number(key.slice(1)) % 2 === 0 ? Number(key.slice(1)) : undefined)));
    await store.close();
  });

  it('rejects an empty path with KEYED_STATE_INVALID_OPTIONS', async () => {
    await expect(openLevelStore<number>({ path: '' })).rejects.toMatchObject({ code: 'KEYED_STATE_INVALID_OPTIONS' });
  });

  describe('after a SIGKILL', () => {
    const crash = (mode: 'before-commit' | 'during-commit'): string => {
      const path = newPath();
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url)), path, mode],
        { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS },
      );
      expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
      return path;
    };

    it('reopens at exactly checkpoint 1 when killed before the second commit', async () => {
      const store = await openLevelStore<{ checkpoint: number; i: number }>({ path: crash('before-commit') });
      expect(await store.readMetadata()).toEqual({ checkpoint: '1', 'input-0': String(CHECKPOINT_KEYS) });
      const entries: [string, { checkpoint: number; i: number }][] = [];
      for await (const entry of store.scan()) {
        entries.push(entry);
      }
      expect(entries).toHaveLength(CHECKPOINT_KEYS);
      expect(entries.every(([, value]) => value.checkpoint === 1)).toBe(true);
      expect(store.get('key-0')).toEqual({ checkpoint: 1, i: 0 });
      await store.close();
    });

    it('reopens at one whole checkpoint, never a mix, when killed during the second commit', async () => {
      const store = await openLevelStore<{ checkpoint: number; i: number }>({ path: crash('during-commit') });
      const metadata = await store.readMetadata();
      const checkpoint = Number(metadata.checkpoint);
      expect([1, 2]).toContain(checkpoint);
      const checkpoints = new Set<number>();
      let count = 0;
      for await (const [, value] of store.scan()) {
        checkpoints.add(value.checkpoint);
        count += 1;
      }
      expect([...checkpoints]).toEqual([checkpoint]);
      // Checkpoint 2 rewrote 2,000 keys and deleted key-0.
      expect(count).toBe(checkpoint === 1 ? CHECKPOINT_KEYS : CHECKPOINT_KEYS * 2 - 1);
      expect(metadata['input-0']).toBe(String(CHECKPOINT_KEYS * checkpoint));
      await store.close();
    });
  });

  it(
    'holds 1,000,000 keys committed in batches of 100,000 and reads samples back after reopen',
    { timeout: 300_000 },
    async () => {
      const path = newPath();
      let peakRss = process.memoryUsage().rss;
      const store = await openLevelStore<{ count: number; sum: number }>({ path, cacheEntries: 10_000 });
      for (let i = 0; i < MILLION; i += 1) {
        store.put(`key-${i}`, { count: i % 7, sum: i });
        if ((i + 1) % COMMIT_EVERY_KEYS === 0) {
          await store.commit({ 'input-0': String(i + 1) });
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        }
      }
      expect(store.dirtyCount).toBe(0);
      await store.close();

      const reopened = await openLevelStore<{ count: number; sum: number }>({ path, cacheEntries: 10_000 });
      expect(await reopened.readMetadata()).toEqual({ 'input-0': String(MILLION) });
      for (let i = 0; i < MILLION; i += 9_973) {
        expect(reopened.get(`key-${i}`)).toEqual({ count: i % 7, sum: i });
      }
      expect(reopened.get(`key-${MILLION - 1}`)).toEqual({ count: (MILLION - 1) % 7, sum: MILLION - 1 });
      expect(reopened.get(`key-${MILLION}`)).toBeUndefined();
      let inPrefix = 0;
      for await (const [key] of reopened.scan({ prefix: 'key-99999' })) {
        expect(key.startsWith('key-99999')).toBe(true);
        inPrefix += 1;
      }
      // key-99999 and key-999990..key-999999.
      expect(inPrefix).toBe(11);
      expect(await reopened.approximateSizeBytes()).toBeGreaterThan(0);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      expect(peakRss).toBeLessThan(RSS_LIMIT_BYTES);
      await reopened.destroy();
    },
  );
});

describe('approximateSizeBytes() of a LevelDB store', () => {
  it('counts committed state that is still in the write-ahead log (no table written yet)', async () => {
    const store = await openLevelStore<{ card: string; amounts: number[] }>({ path: newPath() });
    // 2,000 entries of about 170 bytes: some 350 KB, under LevelDB's 4 MiB write buffer, so no table yet.
    for (let i = 0; i < 2_000; i++) {
      store.put(`card-${i}`, { card: `card-${i}`, amounts: Array.from({ length: 20 }, (_, n) => n * 1.5 + i) });
    }
    await store.commit({ 'input-0': '2000' });
    expect(await store.approximateSizeBytes()).toBeGreaterThan(300_000);
    await store.destroy();
  });
});
