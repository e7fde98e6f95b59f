import { describe, expect, it } from 'vitest';
import { byTopic, partitionKey, toRawRecord } from './raw-record';

describe('toRawRecord()', () => {
  it('keeps bytes, turns the timestamp into a number and header strings into buffers', () => {
    const record = toRawRecord('cards', 2, {
      offset: '41',
      key: Buffer.from('card-1'),
      value: Buffer.from('{"amount":1}'),
      timestamp: '1700000000123',
      attributes: 0,
      headers: { trace: Buffer.from('abc'), text: 'plain', repeated: [Buffer.from('1'), '2'], missing: undefined },
    });
    expect(record).toMatchObject({ topic: 'cards', partition: 2, offset: '41', timestampMs: 1_700_000_000_123 });
    expect(record.key?.toString()).toBe('card-1');
    expect(record.value?.toString()).toBe('{"amount":1}');
    expect(String(record.headers['trace'])).toBe('abc');
    expect(Buffer.isBuffer(record.headers['text'])).toBe(true);
    expect((record.headers['repeated'] as Buffer[]).map(String)).toEqual(['1', '2']);
    expect('missing' in record.headers).toBe(false);
  });

  it("takes the patched decoder's exact timestamp number, and parses the text when it is NaN", () => {
    const message = { offset: '1', key: null, value: null, attributes: 0, headers: {} };
    // The number wins when present (the decoder derives both from the same bytes).
    const decoded = { ...message, timestamp: '1700000000123', timestampNumber: 1_700_000_000_123 };
    expect(toRawRecord('t', 0, decoded).timestampMs).toBe(1_700_000_000_123);
    const notExact = { ...message, timestamp: '1700000000124', timestampNumber: Number.NaN };
    expect(toRawRecord('t', 0, notExact).timestampMs).toBe(1_700_000_000_124);
  });

  it("hands on kafkajs' own headers object when every value is already a Buffer", () => {
    const headers = { origin: Buffer.from('t#0@1.0'), repeated: [Buffer.from('a'), Buffer.from('b')] };
    const message = { offset: '1', key: null, value: null, timestamp: '0', attributes: 0 };
    expect(toRawRecord('t', 0, { ...message, headers }).headers).toBe(headers);
  });

  it('keeps null keys and tombstones as null', () => {
    const record = toRawRecord('t', 0, {
      offset: '0',
      key: null,
      value: null,
      timestamp: '0',
      attributes: 0,
      headers: {},
    });
    expect(record.key).toBeNull();
    expect(record.value).toBeNull();
    expect(record.headers).toEqual({});
  });
});

describe('byTopic()', () => {
  it('groups partitions per topic, sorted', () => {
    expect(
      byTopic([
        { topic: 'a', partition: 3 },
        { topic: 'b', partition: 0 },
        { topic: 'a', partition: 1 },
      ]),
    ).toEqual([
      { topic: 'a', partitions: [1, 3] },
      { topic: 'b', partitions: [0] },
    ]);
  });
});

describe('partitionKey()', () => {
  it('reads like Quix and Kafka logs: topic[partition]', () => {
    expect(partitionKey({ topic: 'cards', partition: 4 })).toBe('cards[4]');
  });
});
