import type { Serde } from '@fp/serdes';
import { cardTransactionSerde } from './card-transaction-serde';
import { CardTransactionsError } from './errors';
import { rawTransactionSerde } from './raw-serdes';
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
const avroTransactions = cardTransactionSerde(rawTransactionSerde());

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
      const tidKind = tid === null ? TID_NULL : isLowercaseHexId(tid) ? TID_HEX : TID_TEXT;
      const textBytes = tidKind === TID_TEXT ? Buffer.byteLength(tid as string, 'utf8') : 0;
      const tidBytes = tidKind === TID_HEX ? HEX_BYTES : tidKind === TID_TEXT ? TEXT_LENGTH_BYTES + textBytes : 0;
      const bytes = Buffer.allocUnsafe(TID_AT + tidBytes);
      bytes[0] = COMPACT_FORMAT;
      bytes.writeDoubleLE(transaction.datetime, FORMAT_BYTES);
      bytes.writeDoubleLE(transaction.cc_num, FORMAT_BYTES + NUMBER_BYTES);
      bytes.writeDoubleLE(transaction.amount, FORMAT_BYTES + 2 * NUMBER_BYTES);
      bytes[TID_KIND_AT] = tidKind;
      if (tidKind === TID_HEX) {
        bytes.write(tid as string, TID_AT, HEX_BYTES, 'hex');
      } else if (tidKind === TID_TEXT) {
        bytes.writeUInt32LE(textBytes, TID_AT);
        bytes.write(tid as string, TID_AT + TEXT_LENGTH_BYTES, textBytes, 'utf8');
      }
      return bytes;
    },
    deserialize(bytes) {
      if (bytes[0] !== COMPACT_FORMAT) return avroTransactions.deserialize(bytes);
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

/** 64 lowercase hex digits: exactly what `toString('hex')` gives back for their 32 bytes. */
function isLowercaseHexId(tid: string): boolean {
  if (tid.length !== HEX_DIGITS) return false;
  for (let at = 0; at < HEX_DIGITS; at++) {
    const code = tid.charCodeAt(at);
    if (!((code >= DIGIT_0 && code <= DIGIT_9) || (code >= LOWER_A && code <= LOWER_F))) return false;
  }
  return true;
}

function truncated(bytes: Buffer): CardTransactionsError {
  return new CardTransactionsError(
    'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION',
    `compact repartition transaction of ${bytes.length} bytes is truncated or malformed`,
  );
}
