/**
 * The binary forms of the `fp-origin` header, which names the upstream input record a repartition
 * record came from. Written now (format byte `0x01`):
 *
 *   0x01 | name length | input topic name (UTF-8) | input partition | offset | index
 *
 * The four numbers are unsigned LEB128 varints of integers below 2^53. The input is named by its
 * topic name, so any reader resolves it exactly, whatever version of the topology wrote it: no
 * record is ever taken for a replay of another input. Read, never written any more (`0x00`):
 *
 *   0x00 | fingerprint (2 bytes) | input topic index | input partition | offset | index
 *
 * where the index points into the writing sub-topology's input topics and a 16-bit hash of their
 * names stood for the topology; a changed topology could pass for the old one, so readers no
 * longer resolve it (see `repartition-origins.ts`).
 */
export const NAMED_ORIGIN_FORMAT = 0x01;
/** The fingerprinted format of earlier versions. */
export const FINGERPRINTED_ORIGIN_FORMAT = 0x00;

const CONTINUATION = 0x80;
const SEVEN_BITS = 0x7f;
const BYTE_VALUES = 128;
/** A varint of a number below 2^53 takes at most 8 bytes. */
const MAX_VARINT_BYTES = 8;

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

/** The bytes every named origin of one input partition starts with: format, topic name, partition. */
export function namedOriginPrefix(topic: string, partition: number): Buffer {
  const name = Buffer.from(topic, 'utf8');
  const prefix = Buffer.alloc(1 + varintSize(name.length) + name.length + varintSize(partition));
  prefix[0] = NAMED_ORIGIN_FORMAT;
  const nameAt = writeVarint(prefix, 1, name.length);
  name.copy(prefix, nameAt);
  writeVarint(prefix, nameAt + name.length, partition);
  return prefix;
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

  /** Where the next varint starts. */
  position(): number {
    return this.at;
  }

  /** Moves past `count` bytes that are not varints (a name). */
  skip(count: number): void {
    this.at += count;
  }

  /** True when every byte was read. */
  isAtEnd(): boolean {
    return this.at === this.bytes.length;
  }
}
