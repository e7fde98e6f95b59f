import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, RECORD_HEADER_BYTES } from './record-format';
import type { StateCodec } from './types';

const textCodec: StateCodec<string> = {
  encode: (value) => Buffer.from(value, 'utf8'),
  decode: (bytes) => bytes.toString('utf8'),
};

const textCodecWritingAfterHeader: StateCodec<string> = {
  ...textCodec,
  encodeAfter: (value, reservedBytes) => {
    const bytes = Buffer.alloc(reservedBytes + Buffer.byteLength(value, 'utf8'), 0xff);
    bytes.write(value, reservedBytes, 'utf8');
    return bytes;
  },
};

describe('encodeRecord', () => {
  it('gives the same record whether the codec copies its bytes in or writes them after the header', () => {
    const copied = encodeRecord(textCodec, 'zoë', 1_700_000_000_000);
    const written = encodeRecord(textCodecWritingAfterHeader, 'zoë', 1_700_000_000_000);

    expect(written).toEqual(copied);
    expect(written.length).toBe(RECORD_HEADER_BYTES + Buffer.byteLength('zoë'));
    expect(decodeRecord(textCodecWritingAfterHeader, written, 'k')).toBe('zoë');
  });
});
