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
/** Encoded string and number keys, the hot path of every keyed step; bounded likewise. */
const ENCODED_KEY_CACHE_ENTRIES = 10_000;

export function createStateKeyCodec<K>(serde: Serde<K>): StateKeyCodec<K> {
  const decoded = new Map<string, K>();
  // Only primitives: equal strings and numbers encode equally, while objects may change in place.
  const encoded = new Map<string | number, string>();
  return {
    encode(key) {
      if (key === null || key === undefined) return '';
      // A Map holds -0 and 0 as one key, a serde (V8's) may not.
      const isPrimitive = typeof key === 'string' || (typeof key === 'number' && !Object.is(key, -0));
      if (isPrimitive) {
        const cached = encoded.get(key);
        if (cached !== undefined) return cached;
      }
      const stateKey = serde.serialize(key).toString('base64');
      if (decoded.size < DECODED_KEY_CACHE_ENTRIES) decoded.set(stateKey, key);
      if (isPrimitive && encoded.size < ENCODED_KEY_CACHE_ENTRIES) encoded.set(key, stateKey);
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
