import { ClassicLevel } from 'classic-level';
import { readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { KeyedStateError } from './errors';
import type { StateStorage, StorageWrite } from './state-storage';

/** Entries fetched per native call while scanning: amortises the async hop without big buffers. */
const SCAN_CHUNK_ENTRIES = 1_000;
/**
 * A read of many keys is split into parallel native reads of at least this many keys: LevelDB
 * reads one key at a time on one thread-pool thread per call, so a 1,000-key lookup waits on one
 * core while the others idle. Smaller parts would pay more in hops than they save.
 */
const PARALLEL_READ_MIN_KEYS = 250;
/** No more parallel reads than cores (nor than libuv's default pool of 4 threads). */
const PARALLEL_READS = Math.max(1, Math.min(4, availableParallelism()));

/** A LevelDB backend (classic-level). Opening fails with `KEYED_STATE_IO` if another process holds it. */
export async function openLevelStorage(path: string): Promise<StateStorage> {
  const db = new ClassicLevel<string, Buffer>(path, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
  try {
    await db.open();
  } catch (error) {
    const detail = String((error as { cause?: unknown }).cause ?? error);
    const code = /corrupt/i.test(detail) ? 'KEYED_STATE_CORRUPT' : 'KEYED_STATE_IO';
    throw new KeyedStateError(code, `cannot open the LevelDB store at ${path}: ${detail}`, { cause: error });
  }
  return new LevelStorage(db, path);
}

class LevelStorage implements StateStorage {
  readonly #db: ClassicLevel<string, Buffer>;
  readonly #path: string;

  constructor(db: ClassicLevel<string, Buffer>, path: string) {
    this.#db = db;
    this.#path = path;
  }

  getSync(key: string): Buffer | undefined {
    try {
      return this.#db.getSync(key);
    } catch (error) {
      throw this.#ioError(`read key ${JSON.stringify(key)}`, error);
    }
  }

  async getMany(keys: readonly string[]): Promise<(Buffer | undefined)[]> {
    try {
      const parts = Math.min(PARALLEL_READS, Math.floor(keys.length / PARALLEL_READ_MIN_KEYS));
      if (parts <= 1) return await this.#db.getMany([...keys]);
      const size = Math.ceil(keys.length / parts);
      const answers = await Promise.all(
        Array.from({ length: parts }, (_, part) => this.#db.getMany(keys.slice(part * size, (part + 1) * size))),
      );
      return answers.flat();
    } catch (error) {
      throw this.#ioError(`read ${keys.length} keys`, error);
    }
  }

  async write(writes: readonly StorageWrite[], options: { durable: boolean }): Promise<void> {
    const batch = this.#db.batch();
    for (const { key, value } of writes) {
      if (value === null) {
        batch.del(key);
      } else {
        batch.put(key, value);
      }
    }
    try {
      await batch.write({ sync: options.durable });
    } catch (error) {
      throw this.#ioError(`write a batch of ${writes.length}`, error);
    }
  }

  entries(range: { gte: string; lt: string }): AsyncIterable<[string, Buffer]> {
    // Created now, not on the first next(): LevelDB iterators read from an implicit snapshot.
    const iterator = this.#db.iterator({ gte: range.gte, lt: range.lt });
    return (async function* () {
      try {
        for (;;) {
          const chunk = await iterator.nextv(SCAN_CHUNK_ENTRIES);
          if (chunk.length === 0) {
            return;
          }
          yield* chunk;
        }
      } finally {
        await iterator.close();
      }
    })();
  }

  /**
   * LevelDB's own estimate counts only its sorted tables; what was written since its last memtable
   * flush (up to the 4 MiB write buffer) lives in the write-ahead log, and a small store has no table
   * at all. The log is added whole: it holds only recent writes, whatever their key range.
   */
  async approximateSizeBytes(range: { gte: string; lt: string }): Promise<number> {
    const [tables, log] = await Promise.all([
      this.#db.approximateSize(range.gte, range.lt),
      this.#writeAheadLogBytes(),
    ]);
    return tables + log;
  }

  async #writeAheadLogBytes(): Promise<number> {
    // `NNNNNN.log` is the write-ahead log; `LOG` (no extension) is LevelDB's text info log.
    const logs = (await readdir(this.#path)).filter((name) => name.endsWith('.log'));
    const sizes = await Promise.all(logs.map(async (name) => (await stat(join(this.#path, name))).size));
    return sizes.reduce((sum, size) => sum + size, 0);
  }

  async close(): Promise<void> {
    await this.#db.close();
  }

  async destroy(): Promise<void> {
    await this.#db.close();
    await rm(this.#path, { recursive: true, force: true });
  }

  #ioError(what: string, error: unknown): KeyedStateError {
    return new KeyedStateError('KEYED_STATE_IO', `LevelDB at ${this.#path} failed to ${what}`, { cause: error });
  }
}
