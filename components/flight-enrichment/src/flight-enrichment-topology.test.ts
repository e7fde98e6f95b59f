import type { FlightData } from '@fp/flights';
import { runLocal } from '@fp/stream-runtime';
import { createTestDriver } from '@fp/stream-runtime/testing';
import type { UserStatistics } from '@fp/usage-statistics';
import { describe, expect, it } from 'vitest';
import type { EnrichedFlightData } from './enriched-flight-data';
import { FlightEnrichmentError } from './errors';
import { buildFlightEnrichmentTopology } from './flight-enrichment-topology';

const PARTITIONS = 3;

const flight = (email: string, confirmation: string): FlightData => ({
  email_address: email,
  departure_time: '2023-10-16T08:00:00Z',
  departure_airport_code: 'ATL',
  arrival_time: '2023-10-16T09:30:00Z',
  arrival_airport_code: 'DFW',
  flight_number: 'SKY17',
  confirmation,
  source: 'skyone',
});
const statistics = (email: string, minutes: number, flights: number): UserStatistics => ({
  email_address: email,
  total_flight_duration: minutes,
  number_of_flights: flights,
});

interface Input {
  readonly topic: 'flightdata' | 'userstatistics';
  readonly key: unknown;
  readonly value: FlightData | UserStatistics;
  readonly timestampMs: number;
}
const flightRecord = (email: string, confirmation: string, timestampMs: number): Input => ({
  topic: 'flightdata',
  key: { confirmation },
  value: flight(email, confirmation),
  timestampMs,
});
const statisticsRecord = (email: string, minutes: number, flights: number, timestampMs: number): Input => ({
  topic: 'userstatistics',
  key: { email_address: email },
  value: statistics(email, minutes, flights),
  timestampMs,
});

/** Ann's statistics change at 1000 and 3000; her flights are at 500, 2000 and 4000; Bob has none. */
const INPUT: readonly Input[] = [
  flightRecord('ann@email.com', 'F0', 500),
  statisticsRecord('ann@email.com', 90, 1, 1_000),
  flightRecord('ann@email.com', 'F1', 2_000),
  flightRecord('bob@email.com', 'F2', 2_500),
  // Produced after F3 below in processing order would not matter either: its time is what counts.
  statisticsRecord('ann@email.com', 150, 2, 3_000),
  flightRecord('ann@email.com', 'F3', 4_000),
];

function runDriver(input: readonly Input[]) {
  const driver = createTestDriver(buildFlightEnrichmentTopology(), { partitions: PARTITIONS });
  for (const record of input) driver.pipe(record.topic, record.key, record.value, record.timestampMs);
  driver.endInput();
  return driver.output<{ confirmation: string }, EnrichedFlightData>('flightdata_enriched');
}

const summary = (records: readonly { key: unknown; value: unknown; timestampMs: number }[]) =>
  records
    .map(({ key, value, timestampMs }) => {
      const enriched = value as EnrichedFlightData;
      return [key, enriched.confirmation, enriched.total_flight_duration, enriched.number_of_flights, timestampMs];
    })
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])));

describe('buildFlightEnrichmentTopology()', () => {
  it('enriches each flight with the statistics valid at its event time, nulls when there are none', () => {
    expect(summary(runDriver(INPUT))).toEqual([
      [{ confirmation: 'F0' }, 'F0', null, null, 500],
      [{ confirmation: 'F1' }, 'F1', 90, 1, 2_000],
      [{ confirmation: 'F2' }, 'F2', null, null, 2_500],
      [{ confirmation: 'F3' }, 'F3', 150, 2, 4_000],
    ]);
  });

  it('keeps every field of the flight', () => {
    const f3 = runDriver(INPUT).find(({ value }) => value.confirmation === 'F3');
    expect(f3?.value).toEqual({ ...flight('ann@email.com', 'F3'), total_flight_duration: 150, number_of_flights: 2 });
  });

  it('does not let a statistics update stamped after a flight change it, even when it is processed first', () => {
    const driver = createTestDriver(buildFlightEnrichmentTopology(), { partitions: PARTITIONS });
    driver.pipe('userstatistics', { email_address: 'ann@email.com' }, statistics('ann@email.com', 90, 1), 1_000);
    // The update at 3000 reaches the pipeline before the flight at 2000 does.
    driver.pipe('userstatistics', { email_address: 'ann@email.com' }, statistics('ann@email.com', 150, 2), 3_000);
    driver.pipe('flightdata', { confirmation: 'F1' }, flight('ann@email.com', 'F1'), 2_000);
    driver.endInput();
    expect(summary(driver.output('flightdata_enriched'))).toEqual([[{ confirmation: 'F1' }, 'F1', 90, 1, 2_000]]);
  });

  it('holds a flight back until the statistics watermark passes its time', () => {
    const driver = createTestDriver(buildFlightEnrichmentTopology(), { partitions: 1 });
    driver.pipe('userstatistics', { email_address: 'ann@email.com' }, statistics('ann@email.com', 90, 1), 1_000);
    driver.pipe('flightdata', { confirmation: 'F1' }, flight('ann@email.com', 'F1'), 2_000);
    expect(driver.output('flightdata_enriched')).toEqual([]);
    // The version at 2000 is valid from the flight's own time on, so it applies.
    driver.pipe('userstatistics', { email_address: 'ann@email.com' }, statistics('ann@email.com', 150, 2), 2_000);
    driver.pipe('userstatistics', { email_address: 'zed@email.com' }, statistics('zed@email.com', 10, 1), 5_000);
    driver.pipe('flightdata', { confirmation: 'F9' }, flight('zed@email.com', 'F9'), 5_000);
    expect(summary(driver.output('flightdata_enriched'))).toEqual([[{ confirmation: 'F1' }, 'F1', 150, 2, 2_000]]);
  });

  it('gives the same records with runLocal (LevelDB state) as with the test driver', async () => {
    const local = await runLocal(buildFlightEnrichmentTopology(), {
      inputs: {
        flightdata: { records: INPUT.filter(({ topic }) => topic === 'flightdata') },
        userstatistics: { records: INPUT.filter(({ topic }) => topic === 'userstatistics') },
      },
      partitions: PARTITIONS,
    });
    const fromDriver = summary(runDriver(INPUT));
    expect(fromDriver).toHaveLength(4);
    expect(summary(local.outputs['flightdata_enriched'] ?? [])).toEqual(fromDriver);
  });

  it('dead-letters an undecodable flight when asked to', () => {
    const driver = createTestDriver(buildFlightEnrichmentTopology({ onDeserializationError: 'dead-letter' }));
    driver.pipe('flightdata', { confirmation: 'F1' }, { email_address: 'ann@email.com' }, 1_000);
    expect(driver.deadLetters()).toHaveLength(1);
  });

  it('rejects a negative retention and a partition count that is not a positive integer, naming both', () => {
    expect(() => buildFlightEnrichmentTopology({ retentionMs: -1, partitions: 0 })).toThrow(FlightEnrichmentError);
    expect(() => buildFlightEnrichmentTopology({ retentionMs: -1, partitions: 0 })).toThrow(
      /retentionMs .*; partitions/,
    );
  });

  it('re-keys both inputs by email into repartition topics with the given partition count', () => {
    const description = buildFlightEnrichmentTopology({ name: 'enrich', partitions: 4 }).toJSON();
    const text = JSON.stringify(description);
    expect(text).toContain('enrich-by-email-repartition');
    expect(text).toContain('enrich-statistics-by-email-repartition');
  });
});
