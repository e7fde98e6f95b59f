import type { FlightData } from '@fp/flights';
import { runLocal } from '@fp/stream-runtime';
import { createTestDriver, type TestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { buildUsageStatisticsTopology } from './usage-statistics-topology';
import type { UserStatistics } from './user-statistics';

const A = 'AAAAA@email.com';
const B = 'BBBBB@email.com';
let confirmations = 0;

/** A flight of `email` lasting `departure` to `arrival`. */
function flight(email: string, departure: string, arrival: string): FlightData {
  confirmations++;
  return {
    email_address: email,
    departure_time: departure,
    departure_airport_code: 'ATL',
    arrival_time: arrival,
    arrival_airport_code: 'DFW',
    flight_number: 'SKY11',
    confirmation: `SKY1${String(confirmations).padStart(6, '0')}`,
    source: 'skyone',
  };
}

/** Pipes a flight with Kafka record timestamp `timestampMs` (the event time). */
function pipe(driver: TestDriver, value: FlightData, timestampMs: number): void {
  driver.pipe('flightdata', { confirmation: value.confirmation }, value, timestampMs);
}

const rows = (driver: TestDriver) =>
  driver
    .output<{ email_address: string }, UserStatistics>('userstatistics')
    .map(({ key, value, timestampMs }) => ({ key: key.email_address, ...value, timestampMs }));

/**
 * The same flights for both modes. Windows are [0, 60000), [60000, 120000), [120000, 180000).
 * Durations: A1 10:00 -> 12:30 = 150 min; B1 10:00 -> 10:45:59.999 = 45 min (truncated);
 * A2 16th 23:00 -> 18th 01:01:30 = 24 h + 2 h 1 min = 1561 min; A3 = 60 min; B2 = 90 min.
 */
function pipeScenario(driver: TestDriver, results: () => unknown[]) {
  pipe(driver, flight(A, '2023-10-16T10:00:00', '2023-10-16T12:30:00'), 0); // A1 in window 0; watermark -1
  pipe(driver, flight(B, '2023-10-16T10:00:00', '2023-10-16T10:45:59.999'), 30_000); // B1 in window 0
  pipe(driver, flight(A, '2023-10-16T23:00:00', '2023-10-18T01:01:30'), 59_999); // A2 at endMs - 1: still window 0
  const beforeFirstFire = results();
  pipe(driver, flight(A, '2023-10-16T10:00:00', '2023-10-16T11:00:00'), 60_000); // A3 in window 1; watermark 59999 fires window 0
  const afterFirstFire = results();
  pipe(driver, flight(B, '2023-10-16T10:00:00', '2023-10-16T11:30:00'), 125_000); // B2 in window 2; watermark 124999 fires window 1
  const afterSecondFire = results();
  driver.endInput(); // watermark +Infinity fires window 2
  return { beforeFirstFire, afterFirstFire, afterSecondFire, final: results() };
}

const sortRows = <T>(items: readonly T[]) =>
  [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('buildUsageStatisticsTopology({ mode: "windowed" })', () => {
  it('emits each (email, 1-minute window) total once, when the watermark reaches endMs - 1', () => {
    const driver = createTestDriver(buildUsageStatisticsTopology({ mode: 'windowed' }));
    const seen = pipeScenario(driver, () => rows(driver));
    // Nothing fires while the watermark (59998) is below window 0's endMs - 1 (59999).
    expect(seen.beforeFirstFire).toEqual([]);
    // Window 0: A = 150 + 1561 = 1711 min over 2 flights; B = 45 min over 1. Timestamp endMs - 1.
    expect(sortRows(seen.afterFirstFire)).toEqual([
      { key: A, email_address: A, total_flight_duration: 1711, number_of_flights: 2, timestampMs: 59_999 },
      { key: B, email_address: B, total_flight_duration: 45, number_of_flights: 1, timestampMs: 59_999 },
    ]);
    // Window 1: A = 60 min over 1 flight; B had no flight in it, and an empty window emits nothing.
    expect(seen.afterSecondFire.slice(2)).toEqual([
      { key: A, email_address: A, total_flight_duration: 60, number_of_flights: 1, timestampMs: 119_999 },
    ]);
    // Window 2 fires at the end of input: B = 90 min over 1 flight.
    expect(seen.final.slice(3)).toEqual([
      { key: B, email_address: B, total_flight_duration: 90, number_of_flights: 1, timestampMs: 179_999 },
    ]);
  });
});

describe('buildUsageStatisticsTopology({ mode: "cumulative" })', () => {
  it('emits each email running total whenever one of its windows fires', () => {
    const driver = createTestDriver(buildUsageStatisticsTopology({ mode: 'cumulative' }));
    const seen = pipeScenario(driver, () => rows(driver));
    expect(seen.beforeFirstFire).toEqual([]);
    // Window 0 fires: A's total is window 0's 1711 / 2; B's is 45 / 1.
    expect(sortRows(seen.afterFirstFire)).toEqual([
      { key: A, email_address: A, total_flight_duration: 1711, number_of_flights: 2, timestampMs: 59_999 },
      { key: B, email_address: B, total_flight_duration: 45, number_of_flights: 1, timestampMs: 59_999 },
    ]);
    // Window 1 fires for A only: 1711 + 60 = 1771 min over 2 + 1 = 3 flights.
    expect(seen.afterSecondFire.slice(2)).toEqual([
      { key: A, email_address: A, total_flight_duration: 1771, number_of_flights: 3, timestampMs: 119_999 },
    ]);
    // Window 2 fires for B at the end of input: 45 + 90 = 135 min over 1 + 1 = 2 flights.
    expect(seen.final.slice(3)).toEqual([
      { key: B, email_address: B, total_flight_duration: 135, number_of_flights: 2, timestampMs: 179_999 },
    ]);
  });

  it('is the default mode and keeps the running totals in the never-expiring store user-statistics-total', async () => {
    const topology = buildUsageStatisticsTopology();
    expect(topology.toJSON().changelogTopics).toEqual([
      'usage-statistics-user-statistics-1m-changelog',
      'usage-statistics-user-statistics-total-changelog',
    ]);
    expect(topology.toJSON().repartitionTopics).toEqual(['usage-statistics-by-email-repartition']);
    const driver = createTestDriver(topology);
    pipe(driver, flight(A, '2023-10-16T10:00:00', '2023-10-16T10:10:00'), 0);
    pipe(driver, flight(A, '2023-10-16T10:00:00', '2023-10-16T10:20:00'), 600_000); // fires [0, 60000)
    driver.endInput(); // fires [600000, 660000)
    const totals = [...(await driver.store('user-statistics-total')).values()];
    expect(totals).toEqual([{ email_address: A, total_flight_duration: 30, number_of_flights: 2 }]);
  });
});

describe('buildUsageStatisticsTopology(): bad and late input', () => {
  it('sends a flight arriving before it departs to the dead letters and counts the rest', () => {
    const driver = createTestDriver(
      buildUsageStatisticsTopology({ mode: 'windowed', onDeserializationError: 'dead-letter' }),
    );
    pipe(driver, flight(A, '2023-10-16T10:00:00', '2023-10-16T10:30:00'), 0);
    pipe(driver, flight(A, '2023-10-16T10:00:00', '2023-10-16T09:59:00'), 1_000); // negative: dead letter
    pipe(driver, flight(A, '2023-10-16T10:00:00', 'later'), 2_000); // unreadable: dead letter
    driver.endInput();
    expect(rows(driver)).toEqual([
      { key: A, email_address: A, total_flight_duration: 30, number_of_flights: 1, timestampMs: 59_999 },
    ]);
    const [negative, unreadable] = driver.deadLetters();
    expect(negative?.stepName).toBe('to-user-statistics');
    expect(negative?.record.timestampMs).toBe(1_000);
    expect(JSON.parse(negative?.record.value?.toString() ?? '{}')).toMatchObject({
      arrival_time: '2023-10-16T09:59:00',
    });
    expect(negative?.error).toMatchObject({ code: 'STREAM_RUNTIME_RECORD_REJECTED', domain: 'data' });
    expect(negative?.error.cause).toMatchObject({ code: 'USAGE_STATISTICS_NEGATIVE_DURATION', domain: 'data' });
    expect(unreadable?.error.cause).toMatchObject({ code: 'FLIGHTS_INVALID_TIMESTAMP' });
    expect(driver.counters().deadLetteredRecords).toBe(2);
  });

  it('fails by default on a negative duration', () => {
    const driver = createTestDriver(buildUsageStatisticsTopology());
    expect(() => pipe(driver, flight(A, '2023-10-16T10:00:00', '2023-10-16T09:00:00'), 0)).toThrow(
      /arrives \(2023-10-16T09:00:00\) before it departs/,
    );
  });

  it('counts a flight too late for its window and routes it to the late topic when one is set', () => {
    const driver = createTestDriver(
      buildUsageStatisticsTopology({ mode: 'windowed', topics: { late: 'late-flights' } }),
    );
    pipe(driver, flight(A, '2023-10-16T10:00:00', '2023-10-16T10:05:00'), 120_000); // watermark 119999
    pipe(driver, flight(B, '2023-10-16T10:00:00', '2023-10-16T10:07:00'), 119_999); // window [60000,120000): 119999 <= 119999, late
    driver.endInput();
    expect(rows(driver)).toEqual([
      { key: A, email_address: A, total_flight_duration: 5, number_of_flights: 1, timestampMs: 179_999 },
    ]);
    expect(driver.counters().lateRecords).toBe(1);
    expect(
      driver
        .output<{ email_address: string }, UserStatistics>('late-flights')
        .map(({ key, value }) => ({ key, value })),
    ).toEqual([
      { key: { email_address: B }, value: { email_address: B, total_flight_duration: 7, number_of_flights: 1 } },
    ]);
  });

  it('rejects an unknown mode with USAGE_STATISTICS_INVALID_OPTIONS', () => {
    expect(() => buildUsageStatisticsTopology({ mode: 'hourly' as never })).toThrow(
      expect.objectContaining({
        code: 'USAGE_STATISTICS_INVALID_OPTIONS',
        message: expect.stringContaining('"hourly"'),
      }),
    );
  });
});

describe('buildUsageStatisticsTopology(): the same results everywhere', () => {
  /** 300 flights of 7 users over about 10 minutes of record time, deterministic. */
  function flights(): { value: FlightData; timestampMs: number }[] {
    return Array.from({ length: 300 }, (_, n) => {
      const minutes = (n * 37) % 500;
      const arrival = new Date(Date.UTC(2023, 9, 16, 10, minutes, n % 60)).toISOString().replace('Z', '');
      return {
        value: flight(`USER${n % 7}@email.com`, '2023-10-16T10:00:00.000', arrival),
        timestampMs: 1_700_000_000_000 + n * 2_000,
      };
    });
  }

  it.each(['windowed', 'cumulative'] as const)(
    'runLocal writes what the test driver writes (%s, 5 partitions)',
    async (mode) => {
      const input = flights();
      const driver = createTestDriver(buildUsageStatisticsTopology({ mode }), { partitions: 5 });
      for (const { value, timestampMs } of input) pipe(driver, value, timestampMs);
      driver.endInput();
      const local = await runLocal(buildUsageStatisticsTopology({ mode }), {
        inputs: {
          flightdata: {
            records: input.map(({ value, timestampMs }) => ({
              key: { confirmation: value.confirmation },
              value,
              timestampMs,
            })),
          },
        },
        partitions: 5,
      });
      const fromDriver = driver
        .output('userstatistics')
        .map(({ key, value, timestampMs }) => ({ key, value, timestampMs }));
      const fromLocal = (local.outputs['userstatistics'] ?? []).map(({ key, value, timestampMs }) => ({
        key,
        value,
        timestampMs,
      }));
      // 600 s of records: every user has flights in every one of the 10 or 11 minutes.
      expect(fromDriver.length).toBeGreaterThanOrEqual(70);
      expect(sortRows(fromLocal)).toEqual(sortRows(fromDriver));
      // Flights are all counted once: the windowed counts, or each user's last running total, add up to 300.
      const lastPerUser = new Map<string, UserStatistics>();
      for (const { value } of fromDriver)
        lastPerUser.set((value as UserStatistics).email_address, value as UserStatistics);
      const counted =
        mode === 'windowed'
          ? fromDriver.reduce((sum, { value }) => sum + (value as UserStatistics).number_of_flights, 0)
          : [...lastPerUser.values()].reduce((sum, value) => sum + value.number_of_flights, 0);
      expect(counted).toBe(300);
    },
  );
});
