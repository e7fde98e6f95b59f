import { describe, expect, it } from 'vitest';
import { userStatisticsKeySerde, userStatisticsSchema } from './user-statistics';

describe('UserStatistics schemas', () => {
  it('writes the key as {"email_address": ...}', () => {
    expect(userStatisticsKeySerde.serialize({ email_address: 'A@email.com' }).toString()).toBe(
      '{"email_address":"A@email.com"}',
    );
  });

  it('requires whole minutes and counts', () => {
    expect(
      userStatisticsSchema.safeParse({ email_address: 'A', total_flight_duration: 1.5, number_of_flights: 1 }).success,
    ).toBe(false);
  });
});
