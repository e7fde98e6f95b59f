import { runLocal } from '@fp/stream-runtime';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { buildFlightImporterTopology } from './flight-importer-topology';
import type { SkyOneAirlinesFlightData } from './sky-one-airlines-flight-data';
import type { SunsetAirFlightData } from './sunset-air-flight-data';

const NOW_MS = Date.parse('2023-10-16T12:00:00.000Z');
const now = () => NOW_MS;

function skyOne(confirmation: string, arrival: string): SkyOneAirlinesFlightData {
  return {
    email_address: 'ABCDE@email.com',
    flight_departure_time: '2023-10-16T08:00:00.000',
    iata_departure_code: 'ATL',
    flight_arrival_time: arrival,
    iata_arrival_code: 'DFW',
    flight_number: 'SKY17',
    confirmation,
    ticket_price: 600,
    aircraft: 'AircraftABC',
    booking_agency_email: 'AGENT@email.com',
  };
}

function sunset(reference: string, arrival: string): SunsetAirFlightData {
  return {
    customer_email_address: 'FGHIJ@email.com',
    departure_time: '2023-10-16T09:00:00.000Z',
    departure_airport: 'SEA',
    arrival_time: arrival,
    arrival_airport: 'BOS',
    flight_duration: 200,
    flight_id: 'SUN9',
    reference_number: reference,
    total_price: 400,
    aircraft_details: 'AircraftABCD',
  };
}

const byConfirmation = <T extends { key: { confirmation: string } }>(records: readonly T[]) =>
  [...records].sort((a, b) => a.key.confirmation.localeCompare(b.key.confirmation));

describe('buildFlightImporterTopology()', () => {
  it('merges both airlines into flightdata keyed by confirmation, dropping flights that have arrived', () => {
    const driver = createTestDriver(buildFlightImporterTopology({ now }), { partitions: 5 });
    driver.pipe('skyone', { ref: 'SKY1AAAAAA' }, skyOne('SKY1AAAAAA', '2023-10-16T12:00:00.001'), 1); // now + 1 ms: kept
    driver.pipe('skyone', { ref: 'SKY1BBBBBB' }, skyOne('SKY1BBBBBB', '2023-10-16T12:00:00.000'), 2); // == now: dropped
    driver.pipe('sunset', { ref: 'SUNCCCCCC' }, sunset('SUNCCCCCC', '2023-10-16T14:00:00.000+02:00'), 3); // 12:00Z: dropped
    driver.pipe('sunset', { ref: 'SUNDDDDDD' }, sunset('SUNDDDDDD', '2023-10-16T14:00:00.000+01:00'), 4); // 13:00Z: kept

    const output = byConfirmation(driver.output<{ confirmation: string }, unknown>('flightdata'));
    expect(output.map(({ key, value, timestampMs }) => ({ key, value, timestampMs }))).toEqual([
      {
        key: { confirmation: 'SKY1AAAAAA' },
        value: {
          email_address: 'ABCDE@email.com',
          departure_time: '2023-10-16T08:00:00.000',
          departure_airport_code: 'ATL',
          arrival_time: '2023-10-16T12:00:00.001',
          arrival_airport_code: 'DFW',
          flight_number: 'SKY17',
          confirmation: 'SKY1AAAAAA',
          source: 'skyone',
        },
        timestampMs: 1,
      },
      {
        key: { confirmation: 'SUNDDDDDD' },
        value: {
          email_address: 'FGHIJ@email.com',
          departure_time: '2023-10-16T09:00:00.000Z',
          departure_airport_code: 'SEA',
          arrival_time: '2023-10-16T14:00:00.000+01:00',
          arrival_airport_code: 'BOS',
          flight_number: 'SUN9',
          confirmation: 'SUNDDDDDD',
          source: 'sunset',
        },
        timestampMs: 4,
      },
    ]);
    expect(driver.counters()).toMatchObject({ recordsIn: 4, recordsOut: 2 });
  });

  it('asks the injected clock for every record', () => {
    let clockMs = NOW_MS;
    const driver = createTestDriver(buildFlightImporterTopology({ now: () => clockMs }));
    driver.pipe('skyone', { ref: 'SKY1AAAAAA' }, skyOne('SKY1AAAAAA', '2023-10-16T13:00:00.000'));
    clockMs = Date.parse('2023-10-16T13:00:00.000Z');
    driver.pipe('skyone', { ref: 'SKY1BBBBBB' }, skyOne('SKY1BBBBBB', '2023-10-16T13:00:00.000'));
    expect(driver.output<{ confirmation: string }, unknown>('flightdata').map(({ key }) => key.confirmation)).toEqual([
      'SKY1AAAAAA',
    ]);
  });

  it('reads offset-less times in the configured time zone', () => {
    // 13:30 in Berlin (CEST) is 11:30Z, before now (12:00Z): dropped; in UTC it would be kept.
    const arrival = skyOne('SKY1AAAAAA', '2023-10-16T13:30:00.000');
    const inBerlin = createTestDriver(buildFlightImporterTopology({ now, timeZone: 'Europe/Berlin' }));
    inBerlin.pipe('skyone', { ref: 'SKY1AAAAAA' }, arrival);
    expect(inBerlin.output('flightdata')).toEqual([]);
    const inUtc = createTestDriver(buildFlightImporterTopology({ now }));
    inUtc.pipe('skyone', { ref: 'SKY1AAAAAA' }, arrival);
    expect(inUtc.output('flightdata')).toHaveLength(1);
  });

  it('uses the configured topic names', () => {
    const topology = buildFlightImporterTopology({
      now,
      topics: { skyone: 'in-sky', sunset: 'in-sun', flightdata: 'out-flights' },
    });
    expect(topology.toJSON()).toMatchObject({ inputs: ['in-sky', 'in-sun'], outputs: ['out-flights'] });
    expect(topology.subTopologies).toHaveLength(1);
  });

  it('sends records with unreadable times or fields to the dead letters, naming the field, and carries on', () => {
    const driver = createTestDriver(buildFlightImporterTopology({ now, onDeserializationError: 'dead-letter' }));
    driver.pipe('skyone', { ref: 'SKY1AAAAAA' }, skyOne('SKY1AAAAAA', 'next tuesday'));
    driver.pipeBytes('sunset', Buffer.from('{"ref":"SUNX"}'), Buffer.from('{"customer_email_address":1}'));
    driver.pipe('skyone', { ref: 'SKY1BBBBBB' }, skyOne('SKY1BBBBBB', '2023-10-17T00:00:00.000Z'));
    const [badTime, badFields] = driver.deadLetters();
    expect(badTime?.stepName).toBe('check-skyone-times');
    expect(badTime?.error.message).toMatch(/flight_arrival_time: "next tuesday" is not an ISO-8601 date-time/);
    expect(badTime?.error.cause).toMatchObject({ code: 'FLIGHTS_INVALID_TIMESTAMP', domain: 'data' });
    expect(badFields?.stepName).toBe('read-sunset');
    expect(badFields?.error.cause).toMatchObject({ code: 'SERDES_VALIDATION' });
    expect(driver.output('flightdata')).toHaveLength(1);
  });

  it('fails by default on an unreadable record', () => {
    const driver = createTestDriver(buildFlightImporterTopology({ now }));
    expect(() =>
      driver.pipe('sunset', { ref: 'SUNX' }, { ...sunset('SUNX', '2023-10-17T00:00:00Z'), departure_time: '' }),
    ).toThrow(/departure_time/);
  });

  it('rejects a missing clock and an unknown time zone with FLIGHTS_INVALID_OPTIONS', () => {
    expect(() => buildFlightImporterTopology({} as never)).toThrow(
      expect.objectContaining({ code: 'FLIGHTS_INVALID_OPTIONS', message: expect.stringContaining('now') }),
    );
    expect(() => buildFlightImporterTopology({ now, timeZone: 'Nowhere/Land' })).toThrow(
      expect.objectContaining({ code: 'FLIGHTS_INVALID_OPTIONS' }),
    );
  });

  it('writes the same records through runLocal as through the test driver', async () => {
    const skyOnes = Array.from({ length: 40 }, (_, n) =>
      skyOne(`SKY1${String(n).padStart(6, '0')}`, `2023-10-16T${String(n % 24).padStart(2, '0')}:30:00.000`),
    );
    const sunsets = Array.from({ length: 40 }, (_, n) =>
      sunset(`SUN${String(n).padStart(6, '0')}`, `2023-10-16T${String((n * 7) % 24).padStart(2, '0')}:15:00.000Z`),
    );
    const driver = createTestDriver(buildFlightImporterTopology({ now }), { partitions: 5 });
    skyOnes.forEach((value) => driver.pipe('skyone', { ref: value.confirmation }, value));
    sunsets.forEach((value) => driver.pipe('sunset', { ref: value.reference_number }, value));
    const local = await runLocal(buildFlightImporterTopology({ now }), {
      inputs: {
        skyone: { records: skyOnes.map((value) => ({ key: { ref: value.confirmation }, value })) },
        sunset: { records: sunsets.map((value) => ({ key: { ref: value.reference_number }, value })) },
      },
      partitions: 5,
    });
    const fromDriver = byConfirmation(driver.output<{ confirmation: string }, unknown>('flightdata'));
    const fromLocal = byConfirmation((local.outputs['flightdata'] ?? []) as typeof fromDriver);
    const countFrom = (source: string) =>
      fromDriver.filter(({ value }) => (value as { source: string }).source === source).length;
    // Kept: arrival after 12:00Z. SkyOne arrives at (n mod 24):30, kept for n = 12..23 and 36..39: 16.
    expect(countFrom('skyone')).toBe(16);
    // Sunset arrives at (7n mod 24):15Z, kept when 7n mod 24 >= 12: 19 of the 40.
    expect(countFrom('sunset')).toBe(19);
    expect(fromLocal).toEqual(fromDriver);
  });
});
