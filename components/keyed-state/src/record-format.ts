import { KeyedStateError } from './errors';
import { paddedTimeMs } from './time-key';
import type { StateCodec } from './types';

/**
 * Raw backend keys are namespaced by their first character, so user keys (always behind `d`) can
 * never collide with metadata or the store's own bookkeeping, whatever they contain.
 */
export const NAMESPACE = Object.freeze({
  data: 'd',
  /** Committed metadata (the source offsets the state reflects): `m<name>` -> utf-8 value. */
  metadata: 'm',
  /** Store bookkeeping, such as whether the TTL index is maintained. */
  system: 's',
  /** TTL index: `t<16-digit writtenAtMs>\0<user key>` -> empty. */
  ttlIndex: 't',
});

/** The character after each namespace letter: the exclusive upper bound of its range. */
export function namespaceEnd(namespace: string): string {
  return String.fromCharCode(namespace.charCodeAt(0) + 1);
}

export const TTL_INDEX_MARKER_KEY = `${NAMESPACE.system}ttl-index`;

const RECORD_FORMAT_VERSION = 1;
/** Version byte + float64 write time (ms). */
export const RECORD_HEADER_BYTES = 9;
const TTL_INDEX_SEPARATOR = '\u0000';

/** A stored value: `[version][writtenAtMs float64 BE][codec bytes]`. */
export function encodeRecord<V>(codec: StateCodec<V>, value: V, writtenAtMs: number): Buffer {
  let record: Buffer;
  if (codec.encodeAfter === undefined) {
    const body = codec.encode(value);
    record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + body.length);
    body.copy(record, RECORD_HEADER_BYTES);
  } else {
    record = codec.encodeAfter(value, RECORD_HEADER_BYTES);
  }
  record[0] = RECORD_FORMAT_VERSION;
  record.writeDoubleBE(writtenAtMs, 1);
  return record;
}

export function recordWrittenAtMs(record: Buffer, key: string): number {
  requireRecordFormat(record, key);
  return record.readDoubleBE(1);
}

export function decodeRecord<V>(codec: StateCodec<V>, record: Buffer, key: string): V {
  requireRecordFormat(record, key);
  try {
    return codec.decode(record.subarray(RECORD_HEADER_BYTES));
  } catch (error) {
    throw new KeyedStateError('KEYED_STATE_CORRUPT', `the value of key ${JSON.stringify(key)} cannot be decoded`, {
      cause: error,
    });
  }
}

function requireRecordFormat(record: Buffer, key: string): void {
  if (record.length < RECORD_HEADER_BYTES || record[0] !== RECORD_FORMAT_VERSION) {
    throw new KeyedStateError(
      'KEYED_STATE_CORRUPT',
      `the value of key ${JSON.stringify(key)} is not in the keyed-state record format (version ${RECORD_FORMAT_VERSION}, ${record.length} bytes)`,
    );
  }
}

export function ttlIndexKey(writtenAtMs: number, key: string): string {
  return `${NAMESPACE.ttlIndex}${paddedTimeMs(Math.max(0, Math.floor(writtenAtMs)))}${TTL_INDEX_SEPARATOR}${key}`;
}

export function parseTtlIndexKey(rawKey: string): { writtenAtMs: number; key: string } {
  const timeEnd = 1 + 16;
  return { writtenAtMs: Number(rawKey.slice(1, timeEnd)), key: rawKey.slice(timeEnd + TTL_INDEX_SEPARATOR.length) };
}
