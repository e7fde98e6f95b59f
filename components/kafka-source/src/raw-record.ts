import type { KafkaMessage } from 'kafkajs';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface TopicPartitionOffset extends TopicPartition {
  /** Decimal string: Kafka offsets are 64-bit. For commits and seeks, the NEXT offset to read. */
  readonly offset: string;
  /** Stored with a commit (Kafka's offset metadata), e.g. the stream time a task had reached. */
  readonly metadata?: string;
}

/** A record as it is on the topic: bytes, decoded by the runtime with serdes. */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Header values are bytes; a header repeated in the record comes as an array. */
  readonly headers: Readonly<Record<string, Buffer | readonly Buffer[]>>;
  readonly timestampMs: number;
}

/** Consecutive records of one partition, in offset order. */
export interface RawRecordBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly RawRecord[];
  /** The partition's high watermark when fetched: `highWatermark - lastOffset - 1` is the lag. */
  readonly highWatermark: string;
  /**
   * The offset of the last record the fetch covered, transaction markers and aborted records
   * included (so at or after the last delivered record); absent where a source does not know it.
   */
  readonly lastOffset?: string;
}

export function toRawRecord(topic: string, partition: number, message: KafkaMessage): RawRecord {
  // The patched record decoder also gives the timestamp as a number (NaN when not exact): no parse per record.
  const { timestampNumber } = message as KafkaMessage & { readonly timestampNumber?: number };
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: bufferHeaders(message.headers),
    timestampMs:
      typeof timestampNumber === 'number' && !Number.isNaN(timestampNumber)
        ? timestampNumber
        : Number(message.timestamp),
  };
}

const NO_HEADERS: Readonly<Record<string, Buffer>> = Object.freeze({});

/**
 * Headers with Buffer values. kafkajs decodes every header value of a fetched record as a Buffer,
 * in an object of its own per record: that object is handed on as it is (no copy per record), and
 * one is built only when a value is a string or missing (as kafkajs' types allow).
 */
function bufferHeaders(headers: KafkaMessage['headers']): Readonly<Record<string, Buffer | readonly Buffer[]>> {
  if (headers === undefined) return NO_HEADERS;
  for (const name in headers) {
    const value = headers[name];
    if (!Buffer.isBuffer(value) && !(Array.isArray(value) && value.every((item) => Buffer.isBuffer(item)))) {
      return copyAsBuffers(headers);
    }
  }
  return headers as Record<string, Buffer | Buffer[]>;
}

function copyAsBuffers(headers: NonNullable<KafkaMessage['headers']>): Record<string, Buffer | Buffer[]> {
  const copy: Record<string, Buffer | Buffer[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    copy[name] = Array.isArray(value)
      ? value.map((item) => (Buffer.isBuffer(item) ? item : Buffer.from(item)))
      : Buffer.isBuffer(value)
        ? value
        : Buffer.from(value as string);
  }
  return copy;
}

/** Groups partitions by topic in the `{ topic, partitions }` shape kafkajs takes. */
export function byTopic(partitions: readonly TopicPartition[]): { topic: string; partitions: number[] }[] {
  const grouped = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    grouped.set(topic, [...(grouped.get(topic) ?? []), partition]);
  }
  return [...grouped].map(([topic, list]) => ({ topic, partitions: list.sort((a, b) => a - b) }));
}

export function partitionKey({ topic, partition }: TopicPartition): string {
  return `${topic}[${partition}]`;
}
