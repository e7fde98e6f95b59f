import { rawTransactionSerde } from '@fp/card-transactions';
import { describe, expect, it } from 'vitest';
import { flightFeed, transactionFeed } from './record-feeds';

const topics = { skyone: 'sky', sunset: 'sun' };
const AT_MS = Date.parse('2026-01-01T00:00:00Z');

describe('flightFeed()', () => {
  it('alternates SkyOne and Sunset JSON bookings keyed by their reference, stamped with the given time', () => {
    const next = flightFeed({ seed: 1, topics });
    const [sky, sun] = [next(AT_MS), next(AT_MS + 1)];
    expect(sky.topic).toBe('sky');
    expect(sun.topic).toBe('sun');
    const skyValue = JSON.parse(String(sky.value)) as { confirmation: string };
    const sunValue = JSON.parse(String(sun.value)) as { reference_number: string };
    expect(JSON.parse(String(sky.key))).toEqual({ ref: skyValue.confirmation });
    expect(JSON.parse(String(sun.key))).toEqual({ ref: sunValue.reference_number });
    expect([sky.timestampMs, sun.timestampMs]).toEqual([AT_MS, AT_MS + 1]);
  });

  it('makes the same records for the same seed and times', () => {
    const a = flightFeed({ seed: 9, topics });
    const b = flightFeed({ seed: 9, topics });
    for (let i = 0; i < 10; i++) expect(String(a(AT_MS + i).value)).toBe(String(b(AT_MS + i).value));
  });
});

describe('transactionFeed()', () => {
  it('encodes unkeyed transactions with the given serde, datetime = the given time', () => {
    const serde = rawTransactionSerde();
    const record = transactionFeed({ seed: 3, topic: 'tx', serde })(AT_MS);
    expect(record).toMatchObject({ topic: 'tx', key: null, timestampMs: AT_MS });
    const transaction = serde.deserialize(record.value as Buffer);
    expect(transaction.datetime).toBe(AT_MS);
    expect(transaction.cc_num).toBeGreaterThanOrEqual(1);
    expect(transaction.cc_num).toBeLessThanOrEqual(999);
  });
});
