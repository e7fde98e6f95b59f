import type { StateCodec } from '@fp/keyed-state';
import { OnlineStoreError } from './errors';

/**
 * The latest row of one entity as the online store keeps it. The row is kept as its JSON text:
 * lookups answer in JSON, so a hit costs no re-serialisation, and a 1,000-key answer is a join of
 * stored texts.
 */
export interface StoredRow {
  /** The row, as JSON text. */
  readonly rowJson: string;
  readonly partition: number;
  /** Kafka offset of the record (decimal string: offsets are 64-bit). */
  readonly offset: string;
  /** The record's timestamp: the row's event time (epoch ms). */
  readonly eventTimeMs: number;
  /** When the row may first be used, in event time (`availableAtMs` of the view). */
  readonly availableAtMs: number;
  /** When this store wrote the row (processing time, epoch ms). */
  readonly writtenAtMs: number;
}

/** partition (uint32), event time, availability and write time (float64 each), offset length (uint8). */
const HEADER_BYTES = 4 + 8 * 3 + 1;

function encodeStoredRow(value: StoredRow, reservedBytes: number): Buffer {
  const offsetBytes = Buffer.byteLength(value.offset, 'latin1');
  const start = reservedBytes + HEADER_BYTES;
  const bytes = Buffer.allocUnsafe(start + offsetBytes + Buffer.byteLength(value.rowJson, 'utf8'));
  bytes.writeUInt32BE(value.partition, reservedBytes);
  bytes.writeDoubleBE(value.eventTimeMs, reservedBytes + 4);
  bytes.writeDoubleBE(value.availableAtMs, reservedBytes + 12);
  bytes.writeDoubleBE(value.writtenAtMs, reservedBytes + 20);
  bytes.writeUInt8(offsetBytes, reservedBytes + 28);
  bytes.write(value.offset, start, 'latin1');
  bytes.write(value.rowJson, start + offsetBytes, 'utf8');
  return bytes;
}

/** A compact binary form: a fixed header, the offset's digits, then the row's JSON text. */
export const storedRowCodec: StateCodec<StoredRow> = {
  encode(value) {
    return encodeStoredRow(value, 0);
  },
  encodeAfter: encodeStoredRow,
  decode(bytes) {
    if (bytes.length < HEADER_BYTES || bytes.length < HEADER_BYTES + bytes.readUInt8(28)) {
      throw new OnlineStoreError('ONLINE_STORE_CORRUPT', `a stored row of ${bytes.length} bytes is too short`);
    }
    const offsetEnd = HEADER_BYTES + bytes.readUInt8(28);
    return {
      partition: bytes.readUInt32BE(0),
      eventTimeMs: bytes.readDoubleBE(4),
      availableAtMs: bytes.readDoubleBE(12),
      writtenAtMs: bytes.readDoubleBE(20),
      offset: bytes.toString('latin1', HEADER_BYTES, offsetEnd),
      rowJson: bytes.toString('utf8', offsetEnd),
    };
  },
};

/**
 * Whether `candidate` replaces `current` as the entity's latest row: the row available last wins,
 * and on a tie the one read last (a partition is read in offset order, so within a partition the
 * later record). Rows of one entity spread over several partitions thus give the same answer
 * whatever order the partitions are read in, and a re-emitted older window never hides a newer one.
 */
export function replacesLatest(current: StoredRow | undefined, candidate: StoredRow): boolean {
  return current === undefined || candidate.availableAtMs >= current.availableAtMs;
}
