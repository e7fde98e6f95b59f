import { describe, expect, it } from 'vitest';
import { encodeCommitMetadata, parseCommitMetadata } from './commit-metadata';

describe('commit metadata', () => {
  it('carries the watermark inputs and, under exactly-once, the transaction number', () => {
    const watermarks = { 'source:clicks': 1_700_000_000_000, 'repartition:by-page:0_1': 1_699_999_999_000 };
    expect(parseCommitMetadata(encodeCommitMetadata(watermarks, 7))).toEqual({ watermarks, checkpointNumber: 7 });
    expect(parseCommitMetadata(encodeCommitMetadata(watermarks))).toEqual({ watermarks, checkpointNumber: undefined });
  });

  it('reads metadata written before the number existed, and none', () => {
    expect(parseCommitMetadata('{"source:clicks":5}')).toEqual({
      watermarks: { 'source:clicks': 5 },
      checkpointNumber: undefined,
    });
    expect(parseCommitMetadata(undefined)).toEqual({ watermarks: {}, checkpointNumber: undefined });
    expect(parseCommitMetadata('')).toEqual({ watermarks: {}, checkpointNumber: undefined });
  });
});
