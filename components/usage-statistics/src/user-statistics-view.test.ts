import type { FlightData } from '@fp/flights';
import { availableAtMs, entityKeyOf, plainRowSerde } from '@fp/feature-views';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { buildUsageStatisticsTopology, usageStatisticsModes } from './usage-statistics-topology';
import type { UserStatistics } from './user-statistics';
import { userStatisticsView } from './user-statistics-view';

const T0 = Date.UTC(2026, 0, 1);

describe('userStatisticsView', () => {
  it('reads the JSON rows the pipeline writes, keyed by email_address', () => {
    const serde = plainRowSerde(userStatisticsView);
    const row = { email_address: 'a@b.c', total_flight_duration: 3, number_of_flights: 1 };
    expect(serde.deserialize(Buffer.from(JSON.stringify(row)))).toEqual(row);
    expect(entityKeyOf(userStatisticsView, row)).toBe('a@b.c');
  });

  for (const mode of usageStatisticsModes) {
    it(`makes a ${mode} row available when the event time that fires its window is seen, never before`, () => {
      const driver = createTestDriver(buildUsageStatisticsTopology({ mode }));
      let written = 0;
      for (let step = 0; step < 30; step++) {
        const eventTimeMs = T0 + step * 15_000;
        driver.pipe('flightdata', { confirmation: `C${step}` }, flight(step), eventTimeMs);
        const rows = driver.output<unknown, UserStatistics>('userstatistics');
        for (const { value, timestampMs } of rows.slice(written)) {
          const available = availableAtMs(userStatisticsView, value, timestampMs);
          expect(available).toBeLessThanOrEqual(eventTimeMs);
          expect(available).toBeGreaterThan(eventTimeMs - 15_000);
        }
        written = rows.length;
      }
      expect(written).toBeGreaterThan(5);
    });
  }
});

function flight(step: number): FlightData {
  return {
    email_address: `u${step % 2}@email.com`,
    departure_time: '2026-01-01T10:00:00',
    departure_airport_code: 'ATL',
    arrival_time: '2026-01-01T11:00:00',
    arrival_airport_code: 'DFW',
    flight_number: 'SKY11',
    confirmation: `C${step}`,
    source: 'skyone',
  };
}
