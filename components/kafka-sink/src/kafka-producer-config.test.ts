import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LINGER_MS,
  DEFAULT_MAX_BATCH_RECORDS,
  DEFAULT_MAX_PARTITION_BATCH_BYTES,
  DEFAULT_MAX_REQUEST_BYTES,
  resolveBatching,
} from './kafka-producer-config';

describe('resolveBatching()', () => {
  it('fills in defaults and maps gzip to kafkajs compression type 1', () => {
    expect(resolveBatching({ compression: 'gzip' })).toMatchObject({
      maxBatchRecords: DEFAULT_MAX_BATCH_RECORDS,
      maxPartitionBatchBytes: DEFAULT_MAX_PARTITION_BATCH_BYTES,
      maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES,
      lingerMs: DEFAULT_LINGER_MS,
      compression: 1,
    });
  });

  it('rejects snappy when no codec is registered, naming the package to install', () => {
    expect(() => resolveBatching({ compression: 'snappy' })).toThrow(/kafkajs-snappy.*only gzip is built in/);
  });

  it('lists every bad setting in one KAFKA_SINK_INVALID_OPTIONS error', () => {
    expect(() =>
      resolveBatching({
        maxBatchRecords: 0,
        maxPartitionBatchBytes: 1.5,
        maxRequestBytes: -1,
        lingerMs: -1,
        compression: 'brotli' as never,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'KAFKA_SINK_INVALID_OPTIONS',
        message: expect.stringMatching(/maxBatchRecords.*maxPartitionBatchBytes.*maxRequestBytes.*lingerMs.*"brotli"/),
      }),
    );
  });
});
