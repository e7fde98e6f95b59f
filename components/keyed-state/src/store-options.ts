import { KeyedStateError } from './errors';
import type { ResolvedStoreOptions } from './keyed-store';
import {
  NAMESPACE,
  namespaceEnd,
  parseTtlIndexKey,
  recordWrittenAtMs,
  TTL_INDEX_MARKER_KEY,
  ttlIndexKey,
} from './record-format';
import type { StorageWrite } from './state-storage';
import type { KeyedStoreOptions, StateCodec } from './types';
import { plainDataStateCodec } from './plain-data-state-codec';

/**
 * Decoded values kept per store. 100k entries of small aggregates is tens of MB: enough for a
 * task's hot keys between checkpoints, while 20 tasks in one process stay well under a GB.
 */
export const DEFAULT_CACHE_ENTRIES = 100_000;

/** Options with defaults applied, checked all at once (every problem in one message). */
export function resolveOptions<V>(options: KeyedStoreOptions<V>): Omit<ResolvedStoreOptions<V>, 'metadata'> {
  const problems: string[] = [];
  const cacheEntries = options.cacheEntries ?? DEFAULT_CACHE_ENTRIES;
  if (!Number.isSafeInteger(cacheEntries) || cacheEntries < 0) {
    problems.push(`cacheEntries must be an integer >= 0 (0 disables the read cache), got ${options.cacheEntries}`);
  }
  if (options.ttlMs !== undefined) {
    if (!Number.isSafeInteger(options.ttlMs) || options.ttlMs <= 0) {
      problems.push(`ttlMs must be a positive integer number of milliseconds, got ${options.ttlMs}`);
    }
    if (options.now === undefined) {
      problems.push('ttlMs needs a clock: pass now: () => number (epoch ms)');
    }
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    problems.push('now must be a function returning epoch milliseconds');
  }
  const codec = (options.codec ?? plainDataStateCodec) as StateCodec<V>;
  if (typeof codec.encode !== 'function' || typeof codec.decode !== 'function') {
    problems.push('codec must have encode(value): Buffer and decode(bytes): value functions');
  }
  if (problems.length > 0) {
    throw new KeyedStateError('KEYED_STATE_INVALID_OPTIONS', `invalid keyed-state options: ${problems.join('; ')}`);
  }
  return { codec, cacheEntries, ttlMs: options.ttlMs, now: options.now };
}

export const METADATA_RANGE = { gte: NAMESPACE.metadata, lt: namespaceEnd(NAMESPACE.metadata) };
export const DATA_RANGE = { gte: NAMESPACE.data, lt: namespaceEnd(NAMESPACE.data) };
export const TTL_INDEX_RANGE = { gte: NAMESPACE.ttlIndex, lt: namespaceEnd(NAMESPACE.ttlIndex) };

export function metadataFromEntries(entries: Iterable<[string, Buffer]>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of entries) {
    metadata[key.slice(NAMESPACE.metadata.length)] = value.toString('utf8');
  }
  return metadata;
}

/** The TTL index entry for a stored data entry. */
export function ttlIndexWrite([rawKey, record]: [string, Buffer]): StorageWrite {
  const key = rawKey.slice(NAMESPACE.data.length);
  return { key: ttlIndexKey(recordWrittenAtMs(record, key), key), value: Buffer.alloc(0) };
}

export function ttlIndexDelete([rawKey]: [string, Buffer]): StorageWrite {
  parseTtlIndexKey(rawKey);
  return { key: rawKey, value: null };
}

export const TTL_MARKER_WRITE: StorageWrite = { key: TTL_INDEX_MARKER_KEY, value: Buffer.from('1') };
export const TTL_MARKER_DELETE: StorageWrite = { key: TTL_INDEX_MARKER_KEY, value: null };
