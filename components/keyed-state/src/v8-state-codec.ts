import { deserialize, serialize } from 'node:v8';
import type { StateCodec } from './types';

/**
 * V8's structured serialization for every value (the default codec, `plainDataStateCodec`, uses it
 * for all but numbers and flat objects of numbers). Keeps plain objects, arrays, `Map`,
 * `Set`, `Date`, `bigint` and typed arrays; drops class prototypes and functions. The byte format
 * can change between Node major versions (V8 reads older formats), so a changelog written by a
 * newer Node may not restore on an older one.
 */
export const v8StateCodec: StateCodec<never> = Object.freeze({
  encode: (value: unknown): Buffer => serialize(value),
  decode: (bytes: Buffer): never => deserialize(bytes) as never,
});
