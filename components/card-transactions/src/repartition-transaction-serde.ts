import type { Serde } from '@fp/serdes';
import { CardTransactionsError } from './errors';
import { rawTransactionSerde } from './raw-serdes';
import { requireCardTransaction } from './require-card-transaction';
import type { CardTransaction } from './source-transaction';

/**
 * The first byte of a compact transaction. Raw Avro `SourceTransaction` starts with the `tid`
 * union's branch, zigzag 0 or 1 (bytes 0x00 or 0x02), never 0x01: the two forms tell apart.
 */
const COMPACT_FORMAT = 0x01;
/** How `tid` follows the three numbers. */
const TID_NULL = 0;
/** 64 lowercase hex digits (Hopsworks' SHA-256 ids), as their 32 bytes. */
const TID_HEX = 1;
/** Any other text: a 4-byte little-endian length, then UTF-8. */
const TID_TEXT = 2;
const FORMAT_BYTES = 1;
const NUMBER_BYTES = 8;
const TID_KIND_AT = FORMAT_BYTES + 3 * NUMBER_BYTES;
const TID_AT = TID_KIND_AT + 1;
const HEX_DIGITS = 64;
const HEX_BYTES = 32;
const TEXT_LENGTH_BYTES = 4;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LOWER_A = 97;
const LOWER_F = 102;

/** Decodes the repartition records written before the compact form. */
const avroTransactions = rawTransactionSerde();

/**
 * How re-keyed transactions travel through the `key-by-card` repartition topic, an internal topic
 * only this pipeline reads: `0x01`, then `datetime`, `cc_num` and `amount` as float64 LE (exact for
 * the safe integers the first two are), then `tid`, where a SHA-256 hex id takes 32 bytes instead
 * of 64. About 58 bytes a transaction, where raw Avro took about 86; repartition bytes are written,
 * replicated, fetched and checksummed once more per transaction. Raw Avro, as written before, is
 * still read.
 *
 * @throws CardTransactionsError `CARD_TRANSACTIONS_UNUSABLE_TRANSACTION` on decode of a truncated record
 */
export function repartitionTransactionSerde(): Serde<CardTransaction> {
  return {
    serialize(transaction) {
      const { tid } = transaction;
      if (tid !== null && tid.length === HEX_DIGITS) {
        const bytes = Buffer.allocUnsafe(TID_AT + HEX_BYTES);
        if (writeHexId(tid, bytes, TID_AT)) return writeNumbers(bytes, transaction, TID_HEX);
      }
      if (tid === null) return writeNumbers(Buffer.allocUnsafe(TID_AT), transaction, TID_NULL);
      const textBytes = Buffer.byteLength(tid, 'utf8');
      const bytes = Buffer.allocUnsafe(TID_AT + TEXT_LENGTH_BYTES + textBytes);
      bytes.writeUInt32LE(textBytes, TID_AT);
      bytes.write(tid, TID_AT + TEXT_LENGTH_BYTES, textBytes, 'utf8');
      return writeNumbers(bytes, transaction, TID_TEXT);
    },
    deserialize(bytes) {
      if (bytes[0] !== COMPACT_FORMAT) return requireCardTransaction(avroTransactions.deserialize(bytes));
      if (bytes.length < TID_AT) throw truncated(bytes);
      const tidKind = bytes[TID_KIND_AT];
      let tid: string | null;
      if (tidKind === TID_NULL && bytes.length === TID_AT) {
        tid = null;
      } else if (tidKind === TID_HEX && bytes.length === TID_AT + HEX_BYTES) {
        tid = bytes.toString('hex', TID_AT, TID_AT + HEX_BYTES);
      } else if (
        tidKind === TID_TEXT &&
        bytes.length >= TID_AT + TEXT_LENGTH_BYTES &&
        bytes.length === TID_AT + TEXT_LENGTH_BYTES + bytes.readUInt32LE(TID_AT)
      ) {
        tid = bytes.toString('utf8', TID_AT + TEXT_LENGTH_BYTES);
      } else {
        throw truncated(bytes);
      }
      return {
        tid,
        datetime: bytes.readDoubleLE(FORMAT_BYTES),
        cc_num: bytes.readDoubleLE(FORMAT_BYTES + NUMBER_BYTES),
        amount: bytes.readDoubleLE(FORMAT_BYTES + 2 * NUMBER_BYTES),
      };
    },
  };
}

/** The value of each lowercase hex digit by its char code, -1 for every other code below 128. */
const HEX_VALUES = Int8Array.from({ length: 128 }, (_, code) =>
  code >= DIGIT_0 && code <= DIGIT_9 ? code - DIGIT_0 : code >= LOWER_A && code <= LOWER_F ? code - LOWER_A + 10 : -1,
);

/**
 * Writes 64 lowercase hex digits as their 32 bytes at `at`; false (bytes partly written) for any
 * other character, uppercase included, since `toString('hex')` would not give those back. By hand:
 * `Buffer.write(.., 'hex')` costs a native call of about 0.4 µs, more than the rest of the record.
 */
function writeHexId(tid: string, bytes: Buffer, at: number): boolean {
  for (let pair = 0; pair < HEX_BYTES; pair++) {
    const high = hexValue(tid.charCodeAt(2 * pair));
    const low = hexValue(tid.charCodeAt(2 * pair + 1));
    if (high < 0 || low < 0) return false;
    bytes[at + pair] = high * 16 + low;
  }
  return true;
}

function hexValue(code: number): number {
  return code < HEX_VALUES.length ? (HEX_VALUES[code] as number) : -1;
}

/** Writes the format byte, the three numbers and the kind of `tid` (already written after them). */
function writeNumbers(bytes: Buffer, transaction: CardTransaction, tidKind: number): Buffer {
  bytes[0] = COMPACT_FORMAT;
  bytes.writeDoubleLE(transaction.datetime, FORMAT_BYTES);
  bytes.writeDoubleLE(transaction.cc_num, FORMAT_BYTES + NUMBER_BYTES);
  bytes.writeDoubleLE(transaction.amount, FORMAT_BYTES + 2 * NUMBER_BYTES);
  bytes[TID_KIND_AT] = tidKind;
  return bytes;
}

function truncated(bytes: Buffer): CardTransactionsError {
  return new CardTransactionsError(
    'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION',
    `compact repartition transaction of ${bytes.length} bytes is truncated or malformed`,
  );
}
