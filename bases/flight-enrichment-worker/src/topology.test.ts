import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { buildTopology } from './topology';

const flight = (email: string, confirmation: string) => ({
  email_address: email,
  departure_time: '2023-10-16T08:00:00Z',
  departure_airport_code: 'ATL',
  arrival_time: '2023-10-16T09:30:00Z',
  arrival_airport_code: 'DFW',
  flight_number: 'SKY17',
  confirmation,
  source: 'skyone',
});

describe('buildTopology()', () => {
  it('reads and writes the configured topics and joins point in time', () => {
    const config = loadConfig({ FLIGHTDATA_TOPIC: 'f', USERSTATISTICS_TOPIC: 'u', ENRICHED_TOPIC: 'e' });
    const driver = createTestDriver(buildTopology(config), { partitions: 2 });
    const stats = (minutes: number) => ({
      email_address: 'A@email.com',
      total_flight_duration: minutes,
      number_of_flights: 1,
    });
    driver.pipe('u', { email_address: 'A@email.com' }, stats(90), 1_000);
    driver.pipe('f', { confirmation: 'C1' }, flight('A@email.com', 'C1'), 2_000);
    driver.pipe('u', { email_address: 'A@email.com' }, stats(120), 3_000);
    driver.endInput();
    expect(driver.output('e').map(({ value }) => value)).toEqual([
      { ...flight('A@email.com', 'C1'), total_flight_duration: 90, number_of_flights: 1 },
    ]);
  });

  it('names the internal topics after APPLICATION_ID and dead-letters bad flights by default', () => {
    const topology = buildTopology(loadConfig({ APPLICATION_ID: 'enrich-test' }));
    expect(JSON.stringify(topology.toJSON())).toContain('enrich-test-by-email-repartition');
    const driver = createTestDriver(topology);
    driver.pipe('flightdata', { confirmation: 'C1' }, { email_address: 'A@email.com' }, 1);
    expect(driver.deadLetters()).toHaveLength(1);
  });
});
