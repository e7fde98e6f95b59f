import type { FlightData } from '@fp/flights';
import { describe, expect, it } from 'vitest';
import { mergeUserStatistics, toUserStatistics, userStatisticsAggregator } from './user-statistics-aggregator';

const flight: FlightData = {
  email_address: 'ABCDE@email.com',
  departure_time: '2023-10-16T10:00:00.000',
  departure_airport_code: 'ATL',
  arrival_time: '2023-10-16T11:15:30.000',
  arrival_airport_code: 'DFW',
  flight_number: 'SKY11',
  confirmation: 'SKY1ABCDEF',
  source: 'skyone',
};

describe('toUserStatistics()', () => {
  it('gives one flight of its duration in whole minutes to its email', () => {
    expect(toUserStatistics(flight)).toEqual({
      email_address: 'ABCDE@email.com',
      total_flight_duration: 75,
      number_of_flights: 1,
    });
  });
});

describe('mergeUserStatistics()', () => {
  it('adds durations and counts of one user', () => {
    expect(
      mergeUserStatistics(
        { email_address: 'A@email.com', total_flight_duration: 75, number_of_flights: 1 },
        { email_address: 'A@email.com', total_flight_duration: 100, number_of_flights: 2 },
      ),
    ).toEqual({ email_address: 'A@email.com', total_flight_duration: 175, number_of_flights: 3 });
  });

  it('refuses to merge two users with USAGE_STATISTICS_EMAIL_MISMATCH', () => {
    expect(() =>
      mergeUserStatistics(
        { email_address: 'A@email.com', total_flight_duration: 1, number_of_flights: 1 },
        { email_address: 'B@email.com', total_flight_duration: 1, number_of_flights: 1 },
      ),
    ).toThrow(expect.objectContaining({ code: 'USAGE_STATISTICS_EMAIL_MISMATCH', domain: 'internal' }));
  });
});

describe('userStatisticsAggregator()', () => {
  const stats = (minutes: number) => ({
    email_address: 'A@email.com',
    total_flight_duration: minutes,
    number_of_flights: 1,
  });

  it('sums the statistics it is given, starting from no flights', () => {
    const agg = userStatisticsAggregator();
    const acc = [stats(10), stats(20), stats(30)].reduce((a, s) => agg.add(a, s), agg.init());
    expect(agg.result(acc)).toEqual({ email_address: 'A@email.com', total_flight_duration: 60, number_of_flights: 3 });
  });

  it('merges partial results in any grouping, with init() as identity', () => {
    const agg = userStatisticsAggregator();
    const left = agg.add(agg.init(), stats(10));
    const right = agg.add(agg.add(agg.init(), stats(20)), stats(30));
    expect(agg.merge(left, right)).toEqual(agg.merge(right, left));
    expect(agg.merge(agg.init(), left)).toEqual(left);
    expect(agg.merge(left, agg.init())).toEqual(left);
    expect(agg.result(agg.merge(left, right))).toMatchObject({ total_flight_duration: 60, number_of_flights: 3 });
  });
});
