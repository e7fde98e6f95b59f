/**
 * The binary form of the `fp-origin` header, which names the upstream input record a repartition
 * record came from:
 *
 *   0x00 | fingerprint (2 bytes, LE) | input topic index | input partition | offset | index
 *
 * The last four are unsigned LEB128 varints of integers below 2^53. The input is named by its index
 * in the writing sub-topology's input topics, and the fingerprint (a hash of those topics' names)
 * tells a reader whose topology differs that it cannot resolve the index. About 9 bytes a record,
 * where the text form (`topic#partition@offset.index`, still read) took 30 to 40. Two bytes of
 * fingerprint leave a changed topology one chance in 65,536 to be taken for the same.
 */
export const BINARY_ORIGIN_FORMAT = 0x00;
/** Where the varints start: after the format byte and the fingerprint. */
export const BINARY_ORIGIN_VARINTS_AT = 3;

const CONTINUATION = 0x80;
const SEVEN_BITS = 0x7f;
const BYTE_VALUES = 128;
/** A varint of a number below 2^53 takes at most 8 bytes. */
const MAX_VARINT_BYTES = 8;
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const LOW_16_BITS = 0xffff;

/** Two bytes naming a list of input topics: FNV-1a of the names, one per line, folded to its low 16 bits. */
export function inputTopicsFingerprint(inputTopics: readonly string[]): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of Buffer.from(inputTopics.join('\n'), 'utf8')) {
    hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  }
  return hash & LOW_16_BITS;
}

/** Bytes taken by the varint of a non-negative integer below 2^53. */
export function varintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= BYTE_VALUES; rest = Math.floor(rest / BYTE_VALUES)) size++;
  return size;
}

/** Writes the varint of a non-negative integer below 2^53 at `at`; returns the position after it. */
export function writeVarint(bytes: Buffer, at: number, value: number): number {
  let position = at;
  let rest = value;
  while (rest >= BYTE_VALUES) {
    bytes[position++] = (rest % BYTE_VALUES) | CONTINUATION;
    rest = Math.floor(rest / BYTE_VALUES);
  }
  bytes[position++] = rest;
  return position;
}

/** Reads varints in sequence from one header; `NaN` once the bytes end early or a varint is too long. */
export class VarintReader {
  private bytes: Buffer = Buffer.alloc(0);
  private at = 0;

  /** Starts reading `bytes` at `at`. */
  reset(bytes: Buffer, at: number): void {
    this.bytes = bytes;
    this.at = at;
  }

  next(): number {
    const { bytes } = this;
    let value = 0;
    let multiplier = 1;
    for (let read = 0; read < MAX_VARINT_BYTES && this.at < bytes.length; read++) {
      const byte = bytes[this.at++] as number;
      value += (byte & SEVEN_BITS) * multiplier;
      if (byte < CONTINUATION) return value;
      multiplier *= BYTE_VALUES;
    }
    return Number.NaN;
  }

  /** True when every byte was read. */
  isAtEnd(): boolean {
    return this.at === this.bytes.length;
  }
}
