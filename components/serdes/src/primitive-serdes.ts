import { describeValue } from './describe-value';
import { SerdesError } from './errors';
import type { Serde } from './types';

/** A finite decimal number as Kafka tools and Flink write keys: `42`, `-3.5`, `1e3`. */
const DECIMAL_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const DECIMAL_INTEGER = /^-?\d+$/;

/** UTF-8 text. */
export const stringSerde: Serde<string> = Object.freeze({
  serialize: (value: string) => Buffer.from(value, 'utf8'),
  deserialize: (bytes: Buffer) => bytes.toString('utf8'),
});

/**
 * A number as its decimal text (`"42"`), the way the card features key is written. Decoding
 * accepts only a plain decimal (no blanks, hex or `NaN`).
 *
 * @throws SerdesError `SERDES_VALIDATION` for text that is not a finite decimal, or on encode for
 *         `NaN`/`Infinity`
 */
export const numberSerde: Serde<number> = Object.freeze({
  serialize(value: number) {
    if (!Number.isFinite(value)) {
      throw new SerdesError('SERDES_VALIDATION', `numberSerde can only encode finite numbers, got ${String(value)}`);
    }
    return Number.isSafeInteger(value) ? integerDigits(value) : Buffer.from(String(value), 'utf8');
  },
  deserialize(bytes: Buffer) {
    const integer = parseShortInteger(bytes);
    if (!Number.isNaN(integer)) return integer;
    const text = bytes.toString('utf8');
    const value = Number(text);
    if (!DECIMAL_NUMBER.test(text) || !Number.isFinite(value)) {
      throw new SerdesError('SERDES_VALIDATION', `expected a decimal number, got ${describeValue(text)}`);
    }
    return value;
  },
});

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const MINUS = 45;
const DECIMAL_BASE = 10;
/** Integers of up to 15 digits are exact as numbers: summed digit by digit, they equal `Number(text)`. */
const MAX_EXACT_DIGITS = 15;

/**
 * A safe integer's decimal, as `String(value)` gives it (`-0` as `"0"`), written digit by digit:
 * keys are encoded once per record, and the string and native UTF-8 call cost more than the digits.
 */
function integerDigits(value: number): Buffer {
  const isNegative = value < 0;
  let rest = Math.abs(value);
  let digits = 1;
  for (let power = DECIMAL_BASE; power <= rest; power *= DECIMAL_BASE) digits++;
  const bytes = Buffer.allocUnsafe(digits + (isNegative ? 1 : 0));
  if (isNegative) bytes[0] = MINUS;
  for (let at = bytes.length - 1; at >= (isNegative ? 1 : 0); at--) {
    bytes[at] = DIGIT_0 + (rest % DECIMAL_BASE);
    rest = Math.floor(rest / DECIMAL_BASE);
  }
  return bytes;
}

/** An optional minus and 1 to 15 ASCII digits as their number (what `Number` gives), else `NaN`. */
function parseShortInteger(bytes: Buffer): number {
  const isNegative = bytes[0] === MINUS;
  const from = isNegative ? 1 : 0;
  const digits = bytes.length - from;
  if (digits < 1 || digits > MAX_EXACT_DIGITS) return Number.NaN;
  let value = 0;
  for (let at = from; at < bytes.length; at++) {
    const code = bytes[at] as number;
    if (code < DIGIT_0 || code > DIGIT_9) return Number.NaN;
    value = value * DECIMAL_BASE + (code - DIGIT_0);
  }
  return isNegative ? -value : value;
}

/**
 * An Avro/Java `long` as its decimal text, exact beyond 2^53 (`"9007199254740993"`).
 *
 * @throws SerdesError `SERDES_VALIDATION` for text that is not a decimal integer
 */
export const bigintSerde: Serde<bigint> = Object.freeze({
  serialize: (value: bigint) => Buffer.from(value.toString(), 'utf8'),
  deserialize(bytes: Buffer) {
    const text = bytes.toString('utf8');
    if (!DECIMAL_INTEGER.test(text)) {
      throw new SerdesError('SERDES_VALIDATION', `expected a decimal integer, got ${describeValue(text)}`);
    }
    return BigInt(text);
  },
});

/** The bytes as they are: no copy either way. */
export const bytesSerde: Serde<Buffer> = Object.freeze({
  serialize: (value: Buffer) => value,
  deserialize: (bytes: Buffer) => bytes,
});
