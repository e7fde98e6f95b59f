/** One record to produce. Keys and values are bytes (or UTF-8 strings); serdes run before the sink. */
export interface SinkRecord {
  readonly topic: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  /** A header repeated in the record is an array of values. */
  readonly headers?: Readonly<Record<string, Buffer | string | readonly (Buffer | string)[]>>;
  /** Overrides the key-based partition (the runtime sets it for repartition topics when it must). */
  readonly partition?: number;
  /** Record timestamp; the broker's time when omitted. */
  readonly timestampMs?: number;
}

/** Fixed per-record overhead in a v2 record batch (varints, attributes, deltas), in bytes. */
const RECORD_OVERHEAD_BYTES = 20;

/** An estimate of the bytes a record takes in a produce request, used to bound batch sizes. */
export function estimateRecordBytes(record: SinkRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + byteLength(record.key) + byteLength(record.value);
  const { headers } = record;
  // Called per record: no entry arrays, no array per header.
  for (const name in headers) {
    const value = headers[name] as Buffer | string | readonly (Buffer | string)[];
    const nameBytes = Buffer.byteLength(name);
    if (typeof value === 'string' || Buffer.isBuffer(value)) {
      bytes += nameBytes + byteLength(value);
      continue;
    }
    for (const item of value) bytes += nameBytes + byteLength(item);
  }
  return bytes;
}

function byteLength(data: Buffer | string | null): number {
  if (data === null) {
    return 0;
  }
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}
