import { deserialize, serialize } from 'node:v8';
import type { StateCodec } from './types';

/** `[0x01][float64 LE]`: a number. */
const NUMBER_TAG = 0x01;
/** `[0x02][field count][per field: name length, UTF-8 name, float64 LE]`: a flat object of numbers. */
const NUMBER_RECORD_TAG = 0x02;
/** Every `v8.serialize` output starts with V8's version tag, so it never collides with the tags above. */
const V8_VERSION_TAG = 0xff;
const FLOAT64_BYTES = 8;
/** Field counts and name lengths take one byte each. */
const MAX_BYTE = 255;
/** Field names kept encoded: accumulators use a handful, on every value. */
const MAX_CACHED_NAMES = 1_000;

const nameBytes = new Map<string, Buffer>();

/** The UTF-8 bytes of a field name, or `undefined` when too long for the compact form. */
function encodedName(name: string): Buffer | undefined {
  let bytes = nameBytes.get(name);
  if (bytes === undefined) {
    bytes = Buffer.from(name, 'utf8');
    if (nameBytes.size < MAX_CACHED_NAMES) nameBytes.set(name, bytes);
  }
  return bytes.length <= MAX_BYTE ? bytes : undefined;
}

/**
 * A plain object whose enumerable fields are all numbers, in the compact form; `undefined` for
 * anything else. `__proto__` is left to V8: assigning it on decode would set the prototype.
 */
function encodeNumberRecord(value: object): Buffer | undefined {
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const fields = value as Record<string, unknown>;
  let count = 0;
  let size = 2;
  for (const name in fields) {
    if (typeof fields[name] !== 'number' || name === '__proto__') return undefined;
    const bytes = encodedName(name);
    if (bytes === undefined || ++count > MAX_BYTE) return undefined;
    size += 1 + bytes.length + FLOAT64_BYTES;
  }
  const out = Buffer.allocUnsafe(size);
  out[0] = NUMBER_RECORD_TAG;
  out[1] = count;
  let at = 2;
  for (const name in fields) {
    const bytes = encodedName(name) as Buffer;
    out[at++] = bytes.length;
    at += bytes.copy(out, at);
    at = out.writeDoubleLE(fields[name] as number, at);
  }
  return out;
}

function decodeNumberRecord(bytes: Buffer): Record<string, number> {
  const count = bytes[1] as number;
  const fields: Record<string, number> = {};
  let at = 2;
  for (let field = 0; field < count; field++) {
    const length = bytes[at++] as number;
    const name = bytes.toString('utf8', at, at + length);
    at += length;
    fields[name] = bytes.readDoubleLE(at);
    at += FLOAT64_BYTES;
  }
  if (at !== bytes.length) throw new RangeError(`${bytes.length - at} bytes left after a record of ${count} numbers`);
  return fields;
}

/**
 * The default codec. Numbers and flat objects of numbers (counts, sums, the moments of a window
 * slice: most accumulators) get a compact form of their own, several times faster to write than
 * `v8.serialize`, which writes everything else: arrays, nested objects, strings, `Map`, `Set`,
 * `Date`, `bigint`, typed arrays. Values decode equal, field order included; NaN, infinities and
 * -0 survive. It reads what `v8StateCodec` wrote (V8's bytes start with a tag of their own); an
 * older version that knew only `v8StateCodec` cannot read the compact forms.
 */
export const plainDataStateCodec: StateCodec<never> = Object.freeze({
  encode(value: unknown): Buffer {
    if (typeof value === 'number') {
      const out = Buffer.allocUnsafe(1 + FLOAT64_BYTES);
      out[0] = NUMBER_TAG;
      out.writeDoubleLE(value, 1);
      return out;
    }
    if (typeof value === 'object' && value !== null) {
      const compact = encodeNumberRecord(value);
      if (compact !== undefined) return compact;
    }
    return serialize(value);
  },
  decode(bytes: Buffer): never {
    switch (bytes[0]) {
      case NUMBER_TAG:
        if (bytes.length !== 1 + FLOAT64_BYTES) throw new RangeError(`a number takes 9 bytes, got ${bytes.length}`);
        return bytes.readDoubleLE(1) as never;
      case NUMBER_RECORD_TAG:
        return decodeNumberRecord(bytes) as never;
      case V8_VERSION_TAG:
        return deserialize(bytes) as never;
      default:
        throw new RangeError(`unknown value tag ${String(bytes[0])} (${bytes.length} bytes)`);
    }
  },
});
