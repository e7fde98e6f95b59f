import { createTimestampParser } from '@fp/flights';
import { describe, expect, it } from 'vitest';
import { flightDurationMinutes } from './flight-duration-minutes';

describe('flightDurationMinutes()', () => {
  it.each([
    ['2023-10-16T10:00:00.000', '2023-10-16T12:30:00.000', 150, '2 h 30 min'],
    ['2023-10-16T10:00:00.000', '2023-10-16T10:45:59.999', 45, '45 min 59.999 s truncates to 45'],
    ['2023-10-16T10:00:00.000', '2023-10-16T10:00:59.999', 0, 'under a minute is 0'],
    ['2023-10-16T10:00:00.000', '2023-10-16T10:00:00.000', 0, 'arriving as it departs is 0, not an error'],
    ['2023-10-16T23:00:00.000', '2023-10-18T01:01:30.000', 1561, 'days count: 24 h + 2 h 1 min = 1561 min'],
    [
      '2023-10-16T22:00:00.000+02:00',
      '2023-10-16T21:30:00.000Z',
      90,
      'offsets: 22:00+02:00 is 20:00Z, to 21:30Z is 90 (wall clocks alone say -30)',
    ],
  ])('from %s to %s is %d minutes (%s)', (departure_time, arrival_time, expected) => {
    expect(flightDurationMinutes({ departure_time, arrival_time })).toBe(expected);
  });

  it('reads offset-less times in the given zone, so a flight over the DST change lasts its real time', () => {
    const berlin = createTimestampParser({ timeZone: 'Europe/Berlin' });
    // 01:30 CET (00:30Z) to 03:30 CEST (01:30Z): one real hour, although the wall clock moved two.
    const flight = { departure_time: '2024-03-31T01:30:00', arrival_time: '2024-03-31T03:30:00' };
    expect(flightDurationMinutes(flight, berlin)).toBe(60);
    expect(flightDurationMinutes(flight)).toBe(120);
  });

  it('rejects a flight arriving before it departs with USAGE_STATISTICS_NEGATIVE_DURATION in the data domain', () => {
    expect(() =>
      flightDurationMinutes({ departure_time: '2023-10-16T10:00:00.000', arrival_time: '2023-10-16T09:59:59.999' }),
    ).toThrow(
      expect.objectContaining({
        code: 'USAGE_STATISTICS_NEGATIVE_DURATION',
        domain: 'data',
        message: 'flight arrives (2023-10-16T09:59:59.999) before it departs (2023-10-16T10:00:00.000)',
      }),
    );
  });

  it('passes on FLIGHTS_INVALID_TIMESTAMP for an unreadable time', () => {
    expect(() => flightDurationMinutes({ departure_time: 'soon', arrival_time: '2023-10-16T10:00:00' })).toThrow(
      expect.objectContaining({ code: 'FLIGHTS_INVALID_TIMESTAMP', domain: 'data' }),
    );
  });
});
