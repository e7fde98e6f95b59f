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
    return Buffer.from(String(value), 'utf8');
  },
  deserialize(bytes: Buffer) {
    const text = bytes.toString('utf8');
    const value = Number(text);
    if (!DECIMAL_NUMBER.test(text) || !Number.isFinite(value)) {
      throw new SerdesError('SERDES_VALIDATION', `expected a decimal number, got ${describeValue(text)}`);
    }
    return value;
  },
});

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
