import type { Serde } from '@fp/serdes';
import { TopologyError } from './errors';
import type { Windowed } from './types';

/** Two big-endian int64 window bounds follow the key's bytes. */
const WINDOW_BOUNDS_BYTES = 16;

/**
 * Serde for `{ key, window }` keys of windowed results, laid out like Kafka Streams' windowed
 * keys: the inner key's bytes, then `startMs` and `endMs` as big-endian int64.
 *
 * @throws TopologyError `TOPOLOGY_INVALID_OPTIONS` on decode of fewer than 16 bytes
 */
export function windowedKeySerde<K>(inner: Serde<K>): Serde<Windowed<K>> {
  return {
    serialize({ key, window }) {
      const keyBytes = inner.serialize(key);
      const bytes = Buffer.allocUnsafe(keyBytes.length + WINDOW_BOUNDS_BYTES);
      keyBytes.copy(bytes, 0);
      bytes.writeBigInt64BE(BigInt(window.startMs), keyBytes.length);
      bytes.writeBigInt64BE(BigInt(window.endMs), keyBytes.length + 8);
      return bytes;
    },
    deserialize(bytes) {
      if (bytes.length < WINDOW_BOUNDS_BYTES) {
        throw new TopologyError(
          'TOPOLOGY_INVALID_OPTIONS',
          `a windowed key needs at least ${WINDOW_BOUNDS_BYTES} bytes, got ${bytes.length}`,
        );
      }
      const keyLength = bytes.length - WINDOW_BOUNDS_BYTES;
      return {
        key: inner.deserialize(bytes.subarray(0, keyLength)),
        window: {
          startMs: Number(bytes.readBigInt64BE(keyLength)),
          endMs: Number(bytes.readBigInt64BE(keyLength + 8)),
        },
      };
    },
  };
}
