import { describe, expect, it } from 'vitest';
import { estimateRecordBytes } from './sink-record';

describe('estimateRecordBytes()', () => {
  it('counts key, value and every header value, repeated headers included, as UTF-8 bytes', () => {
    const bare = estimateRecordBytes({ topic: 't', key: null, value: null });
    expect(estimateRecordBytes({ topic: 't', key: 'ké', value: Buffer.alloc(10) })).toBe(bare + 3 + 10);
    expect(
      estimateRecordBytes({
        topic: 't',
        key: null,
        value: null,
        headers: { a: 'xyz', bb: Buffer.alloc(4), c: ['1', Buffer.alloc(2)] },
      }),
    ).toBe(bare + (1 + 3) + (2 + 4) + (1 + 1) + (1 + 2));
  });
});
