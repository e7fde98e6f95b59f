import { CompressionTypes } from 'kafkajs';
import { kafkajs } from './kafkajs-runtime';
import { KafkaSinkError } from './errors';

export const SINK_COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type SinkCompression = (typeof SINK_COMPRESSIONS)[number];

const COMPRESSION_TYPES: Record<SinkCompression, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

/** kafkajs ships placeholder codecs that throw "not implemented" until a real one is registered. */
function isCodecRegistered(type: CompressionTypes): boolean {
  const factory = (kafkajs.CompressionCodecs as Partial<Record<CompressionTypes, () => unknown>>)[type];
  try {
    return factory?.() != null;
  } catch {
    return false;
  }
}

/** Batching settings shared by the plain and the transactional sink. */
export interface SinkBatchingOptions {
  /** Records per produce request. */
  readonly maxBatchRecords?: number;
  /**
   * Estimated bytes of one partition's records in a produce request (a record without an explicit
   * partition counts towards all of its topic's); keep under the broker's `message.max.bytes` (1 MiB default).
   */
  readonly maxPartitionBatchBytes?: number;
  /** Estimated bytes per produce request; under the broker's `socket.request.max.bytes` (100 MiB default). */
  readonly maxRequestBytes?: number;
  /** How long the first record of a batch may wait for company. */
  readonly lingerMs?: number;
  readonly compression?: SinkCompression;
  /**
   * Retries of a failed produce request before `flush()` rejects. kafkajs' default for idempotent
   * producers is unbounded, which would make `flush()` hang forever on a dead cluster.
   */
  readonly sendRetries?: number;
}

/** Records per request: bytes bound a request first unless records are tiny (8 MiB / 50,000 = 168 B). */
export const DEFAULT_MAX_BATCH_RECORDS = 50_000;
/**
 * Half the runtime's fetch size per partition (512 KiB). A fetch returns a record batch larger than
 * its per-partition limit only for the first partition of the response; every other partition whose
 * next batch is larger returns nothing, so 900 KiB batches let a stream thread read about one
 * repartition partition per fetch. Also far under the broker's `message.max.bytes` (1 MiB).
 */
export const DEFAULT_MAX_PARTITION_BATCH_BYTES = 256 * 1024;
/** 8 MiB: bounds the request the producer encodes at once (tens of ms), far under the broker's 100 MiB. */
export const DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;
/** Java's producer default is 5 ms since Kafka 4; small enough not to matter for latency. */
export const DEFAULT_LINGER_MS = 5;
/** With kafkajs' exponential backoff (300 ms doubling, capped at 30 s) this is roughly two minutes, like Java's delivery.timeout.ms. */
export const DEFAULT_SEND_RETRIES = 10;

export interface ResolvedBatching {
  readonly maxBatchRecords: number;
  readonly maxPartitionBatchBytes: number;
  readonly maxRequestBytes: number;
  readonly lingerMs: number;
  readonly compression: CompressionTypes;
  readonly sendRetries: number;
}

/** Validates the batching options (listing every problem at once) and fills in defaults. */
export function resolveBatching(options: SinkBatchingOptions, extraProblems: string[] = []): ResolvedBatching {
  const problems = [...extraProblems];
  const positiveInteger = (name: string, value: number | undefined): void => {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      problems.push(`${name} must be a positive integer, got ${String(value)}`);
    }
  };
  positiveInteger('maxBatchRecords', options.maxBatchRecords);
  positiveInteger('maxPartitionBatchBytes', options.maxPartitionBatchBytes);
  positiveInteger('maxRequestBytes', options.maxRequestBytes);
  positiveInteger('sendRetries', options.sendRetries);
  if (options.lingerMs !== undefined && !(Number.isFinite(options.lingerMs) && options.lingerMs >= 0)) {
    problems.push(`lingerMs must be a non-negative number of milliseconds, got ${String(options.lingerMs)}`);
  }
  const compression = options.compression ?? 'none';
  if (!SINK_COMPRESSIONS.includes(compression)) {
    problems.push(`compression "${String(compression)}" is not one of ${SINK_COMPRESSIONS.join(', ')}`);
  } else if (compression !== 'none' && compression !== 'gzip' && !isCodecRegistered(COMPRESSION_TYPES[compression])) {
    problems.push(
      `compression "${compression}" needs a codec registered in kafkajs' CompressionCodecs ` +
        `(e.g. kafkajs-snappy, kafkajs-lz4, @kafkajs/zstd); only gzip is built in`,
    );
  }
  if (problems.length > 0) {
    throw new KafkaSinkError('KAFKA_SINK_INVALID_OPTIONS', `invalid Kafka sink options: ${problems.join('; ')}`);
  }
  return {
    maxBatchRecords: options.maxBatchRecords ?? DEFAULT_MAX_BATCH_RECORDS,
    maxPartitionBatchBytes: options.maxPartitionBatchBytes ?? DEFAULT_MAX_PARTITION_BATCH_BYTES,
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
    lingerMs: options.lingerMs ?? DEFAULT_LINGER_MS,
    compression: COMPRESSION_TYPES[compression],
    sendRetries: options.sendRetries ?? DEFAULT_SEND_RETRIES,
  };
}
