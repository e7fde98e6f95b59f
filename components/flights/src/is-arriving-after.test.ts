import { describe, expect, it } from 'vitest';
import { isArrivingAfter } from './is-arriving-after';
import { createTimestampParser } from './timestamp-parser';

const arrivalMs = Date.parse('2023-10-16T22:25:00.123Z');

describe('isArrivingAfter()', () => {
  it.each([
    [arrivalMs - 1, true, 'now one ms before the arrival: kept'],
    [arrivalMs, false, 'arrival exactly now: dropped'],
    [arrivalMs + 1, false, 'now one ms after the arrival: dropped'],
  ])('with now = %d gives %s (%s)', (nowMs, expected) => {
    expect(isArrivingAfter({ arrival_time: '2023-10-16T22:25:00.123' }, nowMs)).toBe(expected);
  });

  it('reads an offset-less arrival in the parser zone', () => {
    const berlin = createTimestampParser({ timeZone: 'Europe/Berlin' });
    // 22:25:00.123 in Berlin (CEST, +02:00) is 20:25:00.123Z, two hours before arrivalMs.
    const berlinArrivalMs = arrivalMs - 2 * 3_600_000;
    expect(isArrivingAfter({ arrival_time: '2023-10-16T22:25:00.123' }, berlinArrivalMs - 1, berlin)).toBe(true);
    expect(isArrivingAfter({ arrival_time: '2023-10-16T22:25:00.123' }, berlinArrivalMs, berlin)).toBe(false);
  });

  it('throws FLIGHTS_INVALID_TIMESTAMP for an unreadable arrival', () => {
    expect(() => isArrivingAfter({ arrival_time: 'tomorrow' }, 0)).toThrow(
      expect.objectContaining({ code: 'FLIGHTS_INVALID_TIMESTAMP' }),
    );
  });
});
