import { describe, expect, it } from 'vitest';
import { createTimestampParser } from './timestamp-parser';

const iso = (ms: number) => new Date(ms).toISOString();

describe('createTimestampParser()', () => {
  const utc = createTimestampParser();

  it('reads offset-less times in UTC by default, keeping the milliseconds', () => {
    expect(utc.timeZone).toBe('UTC');
    expect(iso(utc.parseMs('2023-10-16T22:25:00.123'))).toBe('2023-10-16T22:25:00.123Z');
    expect(iso(utc.parseMs('2023-10-16T22:25:00'))).toBe('2023-10-16T22:25:00.000Z');
  });

  it.each([
    ['2023-10-16T22:25:00.123Z', '2023-10-16T22:25:00.123Z'],
    ['2023-10-16T22:25:00.123+02:00', '2023-10-16T20:25:00.123Z'],
    ['2023-10-16T22:25:00.123-05:30', '2023-10-17T03:55:00.123Z'],
    ['2023-10-16T22:25:00+0200', '2023-10-16T20:25:00.000Z'],
    ['2023-10-16T22:25:00+02', '2023-10-16T20:25:00.000Z'],
    ['2023-10-16 22:25:00.5Z', '2023-10-16T22:25:00.500Z'],
    ['2023-10-16T22:25:00.123999Z', '2023-10-16T22:25:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s (an explicit offset wins over the zone; digits beyond ms are truncated)', (text, expected) => {
    expect(iso(utc.parseMs(text))).toBe(expected);
    expect(iso(createTimestampParser({ timeZone: 'Asia/Tokyo' }).parseMs(text))).toBe(expected);
  });

  it('reads offset-less times in the configured zone', () => {
    const tokyo = createTimestampParser({ timeZone: 'Asia/Tokyo' });
    expect(iso(tokyo.parseMs('2023-10-16T22:25:00.123'))).toBe('2023-10-16T13:25:00.123Z');
    const berlin = createTimestampParser({ timeZone: 'Europe/Berlin' });
    expect(iso(berlin.parseMs('2023-01-16T22:25:00.123'))).toBe('2023-01-16T21:25:00.123Z'); // CET, +01:00
    expect(iso(berlin.parseMs('2023-07-16T22:25:00.123'))).toBe('2023-07-16T20:25:00.123Z'); // CEST, +02:00
  });

  describe('daylight-saving transitions (Europe/Berlin, 2024)', () => {
    const berlin = createTimestampParser({ timeZone: 'Europe/Berlin' });
    it.each([
      // Spring forward on 31 March: 02:00 CET becomes 03:00 CEST.
      ['2024-03-31T01:59:59.999', '2024-03-31T00:59:59.999Z', 'last CET millisecond'],
      ['2024-03-31T02:00:00.000', '2024-03-31T01:00:00.000Z', 'in the gap: moved forward by an hour, to 03:00 CEST'],
      ['2024-03-31T02:30:00.000', '2024-03-31T01:30:00.000Z', 'in the gap: 03:30 CEST'],
      ['2024-03-31T03:00:00.000', '2024-03-31T01:00:00.000Z', 'first CEST time'],
      // Fall back on 27 October: 03:00 CEST becomes 02:00 CET; 02:00..02:59 happen twice.
      ['2024-10-27T01:59:59.999', '2024-10-26T23:59:59.999Z', 'CEST, before the overlap'],
      ['2024-10-27T02:30:00.000', '2024-10-27T00:30:00.000Z', 'in the overlap: the earlier instant (CEST)'],
      ['2024-10-27T03:00:00.000', '2024-10-27T02:00:00.000Z', 'CET, after the overlap'],
    ])('reads %s as %s (%s)', (text, expected) => {
      expect(iso(berlin.parseMs(text))).toBe(expected);
    });

    it('gives the same instants when asked again (cached hours) and for many times in a row', () => {
      const first = ['2024-03-31T02:30:00', '2024-10-27T02:30:00', '2024-06-01T12:00:00'].map((t) => berlin.parseMs(t));
      const again = ['2024-03-31T02:30:00', '2024-10-27T02:30:00', '2024-06-01T12:00:00'].map((t) => berlin.parseMs(t));
      expect(again).toEqual(first);
      const instants = Array.from({ length: 24 * 60 }, (_, minute) => {
        const hh = String(Math.floor(minute / 60)).padStart(2, '0');
        const mm = String(minute % 60).padStart(2, '0');
        return berlin.parseMs(`2024-10-27T${hh}:${mm}:00`);
      });
      const steps = instants.slice(1).map((ms, index) => ms - (instants[index] ?? Number.NaN));
      // Every step is one minute except 02:59 (read as CEST, 00:59Z) -> 03:00 (CET, 02:00Z): 61 minutes.
      expect(steps.filter((step) => step !== 60_000)).toEqual([61 * 60_000]);
    });
  });

  it('applies the same rules in America/New_York (gap and overlap)', () => {
    const newYork = createTimestampParser({ timeZone: 'America/New_York' });
    expect(iso(newYork.parseMs('2024-03-10T02:30:00'))).toBe('2024-03-10T07:30:00.000Z'); // 03:30 EDT
    expect(iso(newYork.parseMs('2024-11-03T01:30:00'))).toBe('2024-11-03T05:30:00.000Z'); // 01:30 EDT, the earlier
  });

  it.each([
    ['', 'empty'],
    ['2023-10-16', 'date only'],
    ['2023-10-16T22:25', 'no seconds'],
    ['2023-13-01T00:00:00', 'month 13'],
    ['2023-02-29T00:00:00', '29 February of a common year'],
    ['2023-04-31T00:00:00', '31 April'],
    ['2023-10-16T24:00:00', 'hour 24'],
    ['2023-10-16T22:60:00', 'minute 60'],
    ['2023-10-16T22:25:60', 'leap second'],
    ['2023-10-16T22:25:00+24:00', 'offset beyond 23:59'],
    ['2023-10-16T22:25:00 UTC', 'zone name suffix'],
    ['1697495100123', 'epoch millis'],
  ])('rejects %j (%s) with FLIGHTS_INVALID_TIMESTAMP in the data domain', (text) => {
    expect(() => utc.parseMs(text)).toThrow(
      expect.objectContaining({ code: 'FLIGHTS_INVALID_TIMESTAMP', domain: 'data' }),
    );
  });

  it('rejects a value that is not a string', () => {
    expect(() => utc.parseMs(42 as unknown as string)).toThrow(/number is not an ISO-8601 date-time/);
  });

  it('rejects an unknown time zone at construction with FLIGHTS_INVALID_OPTIONS naming it', () => {
    expect(() => createTimestampParser({ timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ code: 'FLIGHTS_INVALID_OPTIONS', message: expect.stringContaining('"Mars/Olympus"') }),
    );
  });
});
