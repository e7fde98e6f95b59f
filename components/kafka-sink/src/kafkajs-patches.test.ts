import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * `patches/kafkajs+2.2.4.patch` (applied by `npm ci` through patch-package) replaces kafkajs'
 * quadratic per-partition grouping, its per-record 512-byte encoders, its byte-at-a-time CRC32-C
 * and its per-record Buffer, Decoder and Long objects when decoding. These tests pin that the
 * patch is applied and that kafkajs still reads back, with its own decoder, every byte it writes.
 */
const require = createRequire(import.meta.url);
const kafkajsFile = (path: string) => require.resolve(`kafkajs/src/${path}`);

type Message = {
  key: Buffer | null;
  value: Buffer | string | null;
  headers?: Record<string, unknown>;
  partition: number;
};
const groupMessagesPerPartition = require(kafkajsFile('producer/groupMessagesPerPartition')) as (args: {
  topic: string;
  partitionMetadata: unknown[];
  messages: Message[];
  partitioner: (args: { message: Message }) => number;
}) => Record<string, Message[]>;
const Record = require(kafkajsFile('protocol/recordBatch/record/v0')) as ((record: object) => unknown) & {
  writeTo: (encoder: unknown, record: object) => void;
};
const Encoder = require(kafkajsFile('protocol/encoder')) as new () => EncoderLike;
interface EncoderLike {
  readonly buffer: Buffer;
  writeString(value: string | null): EncoderLike;
  writeInt16(value: number): EncoderLike;
  writeInt32(value: number): EncoderLike;
  writeArray(values: EncoderLike[]): EncoderLike;
  writeEncoder(value: EncoderLike): EncoderLike;
}
const produceRequest = require(kafkajsFile('protocol/requests/produce/v3/request')) as (request: object) => {
  encode: () => Promise<EncoderLike>;
};
const { RecordBatch } = require(kafkajsFile('protocol/recordBatch/v0')) as {
  RecordBatch: (batch: object) => Promise<EncoderLike & { size: () => number }>;
};
const decodeRecordBatch = require(kafkajsFile('protocol/recordBatch/v0/decoder')) as (decoder: unknown) => Promise<{
  records: {
    key: Buffer | null;
    value: Buffer | null;
    headers: Record<string, Buffer | Buffer[]>;
    offset: string;
    timestamp: string;
    offsetNumber: number;
    timestampNumber: number;
  }[];
}>;
const Batch = require(kafkajsFile('consumer/batch')) as new (
  topic: string,
  fetchedOffset: string,
  partitionData: { partition: number; highWatermark: string; messages: object[]; abortedTransactions?: unknown[] },
) => { messages: { offset: string }[]; firstOffset(): string | null; lastOffset(): string };
const Decoder = require(kafkajsFile('protocol/decoder')) as new (buffer: Buffer) => unknown;
const Long = require(kafkajsFile('utils/long')) as { fromString: (value: string) => unknown };

const crc32C = require(kafkajsFile('protocol/recordBatch/crc32C/crc32C')) as (buffer: Buffer) => number;

const FIRST_OFFSET = '4503599627370000';

/** CRC32-C one bit at a time, straight from the definition (reflected polynomial 0x82F63B78). */
function referenceCrc32C(buffer: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('patched kafkajs 2.2.4', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is patched: npm ci applied patches/kafkajs+2.2.4.patch', () => {
    for (const path of [
      'producer/groupMessagesPerPartition.js',
      'protocol/encoder.js',
      'protocol/recordBatch/record/v0/index.js',
      'protocol/recordBatch/header/v0/index.js',
      'protocol/recordBatch/record/v0/decoder.js',
      'protocol/recordBatch/v0/index.js',
      'protocol/requests/produce/v3/request.js',
      'protocol/recordBatch/crc32C/crc32C.js',
      'protocol/recordBatch/v0/decoder.js',
      'consumer/batch.js',
    ]) {
      expect(readFileSync(kafkajsFile(path), 'utf8'), path).toContain('Patched (feature-pipelines');
    }
  });

  it('groups messages by partition in their order', () => {
    const messages = Array.from({ length: 20_000 }, (_, at) => ({
      key: null,
      value: String(at),
      partition: (at * 7) % 6,
    }));
    const grouped = groupMessagesPerPartition({
      topic: 't',
      partitionMetadata: [{}],
      messages,
      partitioner: ({ message }) => message.partition,
    });
    expect(Object.keys(grouped).sort()).toEqual(['0', '1', '2', '3', '4', '5']);
    for (const [partition, inPartition] of Object.entries(grouped)) {
      expect(inPartition).toEqual(messages.filter((message) => message.partition === Number(partition)));
    }
    expect(groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages, partitioner: () => 0 })).toEqual(
      {},
    );
  });

  it('checksums as CRC32-C does, whatever the length', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283); // the standard check value
    const bytes = Buffer.from(Array.from({ length: 70_003 }, (_, at) => (at * 131 + (at >>> 8)) & 0xff));
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 1000, 70_003]) {
      const slice = bytes.subarray(3, 3 + length);
      expect(crc32C(slice), `length ${length}`).toBe(referenceCrc32C(slice));
    }
  });

  it('decodes timestamp deltas of every varlong length, beyond 2^48 too', async () => {
    const deltas = [0, 1, -1, 63, -64, 2 ** 31, -(2 ** 40), 2 ** 47 - 1, -(2 ** 48), 2 ** 48, 2 ** 50, -(2 ** 52)];
    const firstTimestamp = 1_700_000_000_000;
    const encoder = new Encoder();
    deltas.forEach((timestampDelta, offsetDelta) =>
      Record.writeTo(encoder, { key: null, value: Buffer.from('v'), offsetDelta, timestampDelta }),
    );
    const written = await RecordBatch({
      encodedRecords: { count: deltas.length, encoder },
      lastOffsetDelta: deltas.length - 1,
      firstTimestamp,
      maxTimestamp: firstTimestamp,
      firstOffset: Long.fromString('0'),
    });
    const { records } = await decodeRecordBatch(new Decoder(written.buffer));
    expect(records.map((record) => record.timestamp)).toEqual(
      deltas.map((delta) => String(BigInt(firstTimestamp) + BigInt(delta))),
    );
  });

  it('decodes offsets and timestamps also as numbers while exact, NaN beyond 2^53', async () => {
    const encode = async (firstOffset: string, firstTimestamp: number) => {
      const encoder = new Encoder();
      for (let offsetDelta = 0; offsetDelta < 3; offsetDelta++) {
        Record.writeTo(encoder, { key: null, value: Buffer.from('v'), offsetDelta, timestampDelta: offsetDelta * 7 });
      }
      const written = await RecordBatch({
        encodedRecords: { count: 3, encoder },
        lastOffsetDelta: 2,
        firstTimestamp,
        maxTimestamp: firstTimestamp + 14,
        firstOffset: Long.fromString(firstOffset),
      });
      return (await decodeRecordBatch(new Decoder(written.buffer))).records;
    };
    const exact = await encode('999999999999998', 1_700_000_000_000);
    expect(exact.map((record) => [record.offsetNumber, record.timestampNumber])).toEqual([
      [999_999_999_999_998, 1_700_000_000_000],
      [999_999_999_999_999, 1_700_000_000_007],
      [1_000_000_000_000_000, 1_700_000_000_014], // 16 digits: a sum of exact numbers is still exact
    ]);
    expect(exact.map((record) => record.offset)).toEqual(['999999999999998', '999999999999999', '1000000000000000']);
    // A base of more than 15 digits is not parsed as a number: the strings stay exact, the numbers are NaN.
    const beyond = await encode('9007199254740993', 1_700_000_000_000);
    expect(beyond.map((record) => record.offset)).toEqual(['9007199254740993', '9007199254740994', '9007199254740995']);
    expect(beyond.every((record) => Number.isNaN(record.offsetNumber))).toBe(true);
  });

  it('batches: drops messages before the fetched offset and control records, as upstream', () => {
    const message = (offset: string, isControlRecord = false) => ({
      offset,
      offsetNumber: /^\d{1,15}$/.test(offset) ? Number(offset) : Number.NaN,
      key: null,
      isControlRecord,
    });
    const partitionData = (messages: object[]) => ({ partition: 0, highWatermark: '100', messages });
    // Every message kept: the decoded array is handed on as it is.
    const all = [message('10'), message('11'), message('12')];
    expect(new Batch('t', '10', partitionData(all)).messages).toBe(all);
    // A fetch answered from the start of a record batch: the messages before the fetched offset go.
    const compressed = [message('8'), message('9'), message('10'), message('11', true), message('12')];
    const batch = new Batch('t', '10', partitionData(compressed));
    expect(batch.messages.map(({ offset }) => offset)).toEqual(['10', '12']);
    expect([batch.firstOffset(), batch.lastOffset()]).toEqual(['10', '12']);
    // Offsets beyond exact numbers (and messages without `offsetNumber`) compare through Long.
    const large = [message('9007199254740993'), message('9007199254740994'), { offset: '9007199254740995', key: null }];
    expect(new Batch('t', '9007199254740994', partitionData(large)).messages.map(({ offset }) => offset)).toEqual([
      '9007199254740994',
      '9007199254740995',
    ]);
  });

  it('writes record batches that kafkajs decodes back byte for byte', async () => {
    // Sizes on both sides of every varint length boundary (1, 2 and 3 bytes).
    const sizes = [0, 1, 63, 64, 127, 128, 8191, 8192, 16383, 16384, 70_000];
    const messages: {
      key: Buffer | null;
      value: Buffer | string | null;
      headers?: Record<string, string | (string | Buffer)[]>;
    }[] = sizes.flatMap((size, at) => [
      { key: Buffer.alloc(size, at), value: Buffer.alloc(sizes[sizes.length - 1 - at] as number, 'v') },
      {
        key: null,
        value: size % 2 === 0 ? null : 'é'.repeat(size),
        headers: {
          'fp-origin': `t#${at}@${size}.0`,
          multi: ['a', Buffer.alloc(size, 'h')],
          ['k'.repeat(size)]: 'x',
          [at % 2 === 0 ? 'ключ' : 'ключи']: 'é', // names matched by bytes, not only ASCII
        },
      },
    ]);
    const timestampDelta = (offsetDelta: number) => offsetDelta * 1_000_003 - 2 ** 31;
    const { buffer } = await RecordBatch({
      records: messages.map((message, offsetDelta) =>
        Record({ ...message, offsetDelta, timestampDelta: timestampDelta(offsetDelta) }),
      ),
      lastOffsetDelta: messages.length - 1,
      firstTimestamp: 1_700_000_000_000,
      maxTimestamp: 1_700_000_000_000,
      firstOffset: Long.fromString(FIRST_OFFSET),
    });
    // The producer's path: every record written into one encoder.
    const encoder = new Encoder();
    messages.forEach((message, offsetDelta) =>
      Record.writeTo(encoder, { ...message, offsetDelta, timestampDelta: timestampDelta(offsetDelta) }),
    );
    const written = await RecordBatch({
      encodedRecords: { count: messages.length, encoder },
      lastOffsetDelta: messages.length - 1,
      firstTimestamp: 1_700_000_000_000,
      maxTimestamp: 1_700_000_000_000,
      firstOffset: Long.fromString(FIRST_OFFSET),
    });
    expect(written.buffer.equals(buffer)).toBe(true);
    const { records } = await decodeRecordBatch(new Decoder(written.buffer));

    expect(records).toHaveLength(messages.length);
    records.forEach((record, at) => {
      const message = messages[at] as (typeof messages)[number];
      // Offsets and timestamps as decimal strings, exact near 2^52 (the decoder adds them as numbers).
      expect(record.offset).toBe(String(BigInt(FIRST_OFFSET) + BigInt(at)));
      expect(record.timestamp).toBe(String(1_700_000_000_000 + timestampDelta(at)));
      expect(record.key, `key of record ${at}`).toEqual(message.key);
      expect(record.value, `value of record ${at}`).toEqual(message.value === null ? null : Buffer.from(message.value));
      const expectedHeaders = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.map((item) => Buffer.from(item)) : Buffer.from(value),
        ]),
      );
      expect(record.headers, `headers of record ${at}`).toEqual(expectedHeaders);
    });
  });

  it('writes a produce request as upstream: batch bounds compared as text, records one by one', async () => {
    // Timestamps as the sink sends them (decimal strings), out of order, one missing, and one of
    // 12 digits: upstream sorts them as strings, so "999999999999" counts as the largest.
    const timestamps = ['1700000000500', '1700000000100', undefined, '999999999999', '1700000000300'];
    const messages = timestamps.map((timestamp, at) => ({
      key: at % 2 === 0 ? Buffer.from(`k${at}`) : null,
      value: Buffer.alloc(at * 40, at),
      headers: { 'fp-origin': `t#0@${at}.0` },
      ...(timestamp === undefined ? {} : { timestamp }),
    }));
    // A record without timestamp takes the request's clock.
    const nowMs = 1_700_000_000_900;
    vi.spyOn(Date, 'now').mockReturnValue(nowMs);
    const request = await produceRequest({
      acks: -1,
      timeout: 30_000,
      topicData: [{ topic: 't', partitions: [{ partition: 3, messages }] }],
    }).encode();

    const sorted = timestamps.filter((timestamp) => timestamp !== undefined).sort();
    const firstTimestamp = sorted[0] as string;
    const batch = await RecordBatch({
      records: messages.map((message, offsetDelta) =>
        Record({
          key: message.key,
          value: message.value,
          headers: message.headers,
          offsetDelta,
          timestampDelta: Number(message.timestamp ?? nowMs) - Number(firstTimestamp),
        }),
      ),
      firstTimestamp,
      maxTimestamp: sorted[sorted.length - 1],
      lastOffsetDelta: messages.length - 1,
    });
    const partition = new Encoder().writeInt32(3).writeInt32(batch.size()).writeEncoder(batch);
    const expected = new Encoder()
      .writeString(null)
      .writeInt16(-1)
      .writeInt32(30_000)
      .writeArray([new Encoder().writeString('t').writeArray([partition])]);
    expect(request.buffer.equals(expected.buffer)).toBe(true);
  });
});
