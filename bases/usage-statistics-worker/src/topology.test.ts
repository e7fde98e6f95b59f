import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { buildTopology } from './topology';

const MINUTE_MS = 60_000;
const flight = (email: string, departure: string, arrival: string) => ({
  email_address: email,
  departure_time: departure,
  departure_airport_code: 'ATL',
  arrival_time: arrival,
  arrival_airport_code: 'DFW',
  flight_number: 'SKY17',
  confirmation: `SKY1${email.slice(0, 5)}`,
  source: 'skyone',
});

function runOn(env: Record<string, string>) {
  const driver = createTestDriver(buildTopology(loadConfig(env)), { partitions: 5 });
  // Two flights of A in the window [0, 60000), one in [60000, 120000): 90 + 30 + 60 minutes.
  driver.pipe(
    'flightdata',
    { confirmation: '1' },
    flight('A@email.com', '2023-10-16T08:00:00Z', '2023-10-16T09:30:00Z'),
    1_000,
  );
  driver.pipe(
    'flightdata',
    { confirmation: '2' },
    flight('A@email.com', '2023-10-16T10:00:00Z', '2023-10-16T10:30:00Z'),
    2_000,
  );
  driver.pipe(
    'flightdata',
    { confirmation: '3' },
    flight('A@email.com', '2023-10-16T11:00:00Z', '2023-10-16T12:00:00Z'),
    MINUTE_MS + 1,
  );
  driver.endInput();
  return driver.output('userstatistics').map(({ value }) => value);
}

describe('buildTopology()', () => {
  it('emits running totals per email by default (cumulative)', () => {
    expect(runOn({})).toEqual([
      { email_address: 'A@email.com', total_flight_duration: 120, number_of_flights: 2 },
      { email_address: 'A@email.com', total_flight_duration: 180, number_of_flights: 3 },
    ]);
  });

  it('emits each window on its own with USAGE_STATISTICS_MODE=windowed', () => {
    expect(runOn({ USAGE_STATISTICS_MODE: 'windowed' })).toEqual([
      { email_address: 'A@email.com', total_flight_duration: 120, number_of_flights: 2 },
      { email_address: 'A@email.com', total_flight_duration: 60, number_of_flights: 1 },
    ]);
  });

  it('dead-letters a flight that arrives before it departs', () => {
    const driver = createTestDriver(buildTopology(loadConfig({})), { partitions: 5 });
    driver.pipe(
      'flightdata',
      { confirmation: '1' },
      flight('B@email.com', '2023-10-16T10:00:00Z', '2023-10-16T09:00:00Z'),
      1,
    );
    expect(driver.deadLetters()).toHaveLength(1);
  });
});
