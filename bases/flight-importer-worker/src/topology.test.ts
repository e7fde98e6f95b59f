import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { buildTopology } from './topology';

const NOW_MS = Date.parse('2023-10-16T12:00:00.000Z');

const skyOne = (confirmation: string, arrival: string) => ({
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
});

describe('buildTopology()', () => {
  it('reads and writes the configured topics and keeps only flights arriving after now', () => {
    const config = loadConfig({ SKYONE_TOPIC: 'in-sky', SUNSET_TOPIC: 'in-sun', FLIGHTDATA_TOPIC: 'out' });
    const driver = createTestDriver(
      buildTopology(config, () => NOW_MS),
      { partitions: 5 },
    );
    driver.pipe('in-sky', { ref: 'SKY1KEEP' }, skyOne('SKY1KEEP', '2023-10-16T12:00:00.001'), 1);
    driver.pipe('in-sky', { ref: 'SKY1GONE' }, skyOne('SKY1GONE', '2023-10-16T11:59:59.999'), 2);
    expect(driver.output('out').map(({ key }) => key)).toEqual([{ confirmation: 'SKY1KEEP' }]);
  });

  it('reads offset-less times in the configured zone', () => {
    // 13:30 in Berlin (CEST, +02:00) is 11:30Z: already arrived at 12:00Z.
    const config = loadConfig({ TIME_ZONE: 'Europe/Berlin' });
    const driver = createTestDriver(
      buildTopology(config, () => NOW_MS),
      { partitions: 5 },
    );
    driver.pipe('skyone', { ref: 'SKY1BERLIN' }, skyOne('SKY1BERLIN', '2023-10-16T13:30:00.000'), 1);
    expect(driver.output('flightdata')).toEqual([]);
  });

  it('applies ON_BAD_RECORD to records that cannot be read', () => {
    const config = loadConfig({ ON_BAD_RECORD: 'dead-letter' });
    const driver = createTestDriver(
      buildTopology(config, () => NOW_MS),
      { partitions: 5 },
    );
    driver.pipeBytes('skyone', Buffer.from('{"ref":"x"}'), Buffer.from('not json'), 1);
    expect(driver.deadLetters()).toHaveLength(1);
    expect(driver.output('flightdata')).toEqual([]);
  });
});
