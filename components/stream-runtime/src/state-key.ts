import type { Serde } from '@fp/serdes';

/**
 * Turns record keys into state-store keys and back. The serde's bytes are base64-encoded so a
 * state key never contains the `\0` separator the window engine puts after it, whatever the key
 * format (Avro, v8, UTF-8 with NULs). A small map avoids re-decoding hot keys when windows fire.
 */
export interface StateKeyCodec<K> {
  encode(key: K): string;
  decode(stateKey: string): K;
}

/** Decoded keys kept for firing; bounded so a high-cardinality key space cannot grow it without limit. */
const DECODED_KEY_CACHE_ENTRIES = 10_000;

export function createStateKeyCodec<K>(serde: Serde<K>): StateKeyCodec<K> {
  const decoded = new Map<string, K>();
  return {
    encode(key) {
      if (key === null || key === undefined) return '';
      const stateKey = serde.serialize(key).toString('base64');
      if (decoded.size < DECODED_KEY_CACHE_ENTRIES) decoded.set(stateKey, key);
      return stateKey;
    },
    decode(stateKey) {
      const cached = decoded.get(stateKey);
      if (cached !== undefined || decoded.has(stateKey)) return cached as K;
      if (stateKey === '') return null as K;
      return serde.deserialize(Buffer.from(stateKey, 'base64'));
    },
  };
}
