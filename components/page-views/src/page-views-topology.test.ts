import { createTestDriver, type TestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import type { PageViewsRow } from './page-views-records';
import { buildPageViewsTopology } from './page-views-topology';

const MINUTE_MS = 60_000;
const options = { applicationId: 'page-views', inputTopic: 'events', outputTopic: 'rows' };

/** The rows written so far, by key (the order between keys is not specified). */
const rows = (driver: TestDriver) =>
  driver
    .output<string, PageViewsRow>('rows')
    .map(({ value }) => value)
    .sort((a, b) => a.key.localeCompare(b.key));

describe('buildPageViewsTopology()', () => {
  it('counts the events of each key per 5-minute window once event time passes its end', () => {
    // One partition (the driver's default), so every event moves event time; with several, each
    // partition's event time moves only with its own events.
    const driver = createTestDriver(buildPageViewsTopology(options));
    driver.pipe('events', 'alice', { event_time: 1 * MINUTE_MS });
    driver.pipe('events', 'bob', { event_time: 3 * MINUTE_MS });
    driver.pipe('events', 'alice', { event_time: 4 * MINUTE_MS });
    // Event time is 4 min - 1 ms: the window [0, 5 min) is still open.
    expect(rows(driver)).toEqual([]);
    // Event time reaches 5 min - 1 ms, the last instant of [0, 5 min): it fires.
    driver.pipe('events', 'carol', { event_time: 5 * MINUTE_MS });
    expect(rows(driver)).toEqual([
      { key: 'alice', window_start: 0, window_end: 5 * MINUTE_MS, events: 2 },
      { key: 'bob', window_start: 0, window_end: 5 * MINUTE_MS, events: 1 },
    ]);
    // The end of the input fires every window left: carol's [5 min, 10 min).
    driver.endInput();
    expect(rows(driver)).toContainEqual({
      key: 'carol',
      window_start: 5 * MINUTE_MS,
      window_end: 10 * MINUTE_MS,
      events: 1,
    });
  });

  it('updates a fired window for 1 minute of lateness, then hands later events to late()', () => {
    const driver = createTestDriver(buildPageViewsTopology(options));
    driver.pipe('events', 'alice', { event_time: 1 * MINUTE_MS });
    driver.pipe('events', 'bob', { event_time: 5 * MINUTE_MS }); // [0, 5 min) fires: alice 1
    driver.pipe('events', 'alice', { event_time: 2 * MINUTE_MS }); // late by less than 1 min: alice 2
    driver.pipe('events', 'bob', { event_time: 6 * MINUTE_MS }); // event time 6 min - 1 ms: lateness over
    driver.pipe('events', 'alice', { event_time: 3 * MINUTE_MS }); // too late for [0, 5 min)
    expect(
      rows(driver)
        .filter(({ key }) => key === 'alice')
        .map(({ events }) => events),
    ).toEqual([1, 2]);
    expect(driver.late('events-per-5m')).toHaveLength(1);
  });

  it('follows onBadRecord for input that is not an event', () => {
    const driver = createTestDriver(buildPageViewsTopology({ ...options, onBadRecord: 'dead-letter' }));
    driver.pipeBytes('events', Buffer.from('k'), Buffer.from('not json'), 0);
    driver.pipeBytes('events', Buffer.from('k'), Buffer.from('{"event_time":"yesterday"}'), 0);
    expect(driver.deadLetters()).toHaveLength(2);
    driver.endInput();
    expect(rows(driver)).toEqual([]);
  });
});
