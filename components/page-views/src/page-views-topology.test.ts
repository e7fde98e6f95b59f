import { createTestDriver, type TestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import type { PageViewsRow } from './page-views-records';
import { buildPageViewsTopology } from './page-views-topology';

const MINUTE_MS = 60_000;
const options = { applicationId: 'page-views', inputTopic: 'events', outputTopic: 'rows' };
const view = (page: string, minute: number) => ({ page, viewed_at: minute * MINUTE_MS });

/** The rows written so far, by key (the order between keys is not specified). */
const rows = (driver: TestDriver) =>
  driver
    .output<string, PageViewsRow>('rows')
    .map(({ value }) => value)
    .sort((a, b) => a.user_id.localeCompare(b.user_id));

describe('buildPageViewsTopology()', () => {
  it('counts the views and distinct pages of each user per 5-minute window once event time passes its end', () => {
    // One partition (the driver's default), so every event moves event time; with several, each
    // partition's event time moves only with its own events.
    const driver = createTestDriver(buildPageViewsTopology(options));
    driver.pipe('events', 'alice', view('/home', 1));
    driver.pipe('events', 'bob', view('/home', 3));
    driver.pipe('events', 'alice', view('/home', 4));
    driver.pipe('events', 'alice', view('/cart', 4));
    // Event time is 4 min - 1 ms: the window [0, 5 min) is still open.
    expect(rows(driver)).toEqual([]);
    // Event time reaches 5 min - 1 ms, the last instant of [0, 5 min): it fires.
    driver.pipe('events', 'carol', view('/home', 5));
    expect(rows(driver)).toEqual([
      { user_id: 'alice', window_start: 0, window_end: 5 * MINUTE_MS, views: 3, distinct_pages: 2 },
      { user_id: 'bob', window_start: 0, window_end: 5 * MINUTE_MS, views: 1, distinct_pages: 1 },
    ]);
    // The end of the input fires every window left: carol's [5 min, 10 min).
    driver.endInput();
    expect(rows(driver)).toContainEqual({
      user_id: 'carol',
      window_start: 5 * MINUTE_MS,
      window_end: 10 * MINUTE_MS,
      views: 1,
      distinct_pages: 1,
    });
  });

  it('updates a fired window for 1 minute of lateness, then hands later events to late()', () => {
    const driver = createTestDriver(buildPageViewsTopology(options));
    driver.pipe('events', 'alice', view('/home', 1));
    driver.pipe('events', 'bob', view('/home', 5)); // [0, 5 min) fires: alice 1
    driver.pipe('events', 'alice', view('/cart', 2)); // late by less than 1 min: alice 2
    driver.pipe('events', 'bob', view('/home', 6)); // event time 6 min - 1 ms: lateness over
    driver.pipe('events', 'alice', view('/faq', 3)); // too late for [0, 5 min)
    expect(
      rows(driver)
        .filter(({ user_id }) => user_id === 'alice')
        .map(({ views }) => views),
    ).toEqual([1, 2]);
    expect(driver.late('views-per-5m')).toHaveLength(1);
  });

  it('follows onBadRecord for input that is not an event', () => {
    const driver = createTestDriver(buildPageViewsTopology({ ...options, onBadRecord: 'dead-letter' }));
    driver.pipeBytes('events', Buffer.from('k'), Buffer.from('not json'), 0);
    driver.pipeBytes('events', Buffer.from('k'), Buffer.from('{"page":"/","viewed_at":"now"}'), 0);
    expect(driver.deadLetters()).toHaveLength(2);
    driver.endInput();
    expect(rows(driver)).toEqual([]);
  });
});
