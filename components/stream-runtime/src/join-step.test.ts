import { jsonSerde, numberSerde, stringSerde } from '@fp/serdes';
import { createTopology } from '@fp/topology';
import { tumbling } from '@fp/windowing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDriver } from './test-driver';

const event = z.object({ user: z.string(), ms: z.number(), what: z.string() });
type Event = z.infer<typeof event>;

function source(topology: ReturnType<typeof createTopology>, topic: string) {
  return topology.stream(`read-${topic}`, {
    topic,
    key: stringSerde,
    value: jsonSerde(event),
    timestamp: (value: Event) => value.ms,
  });
}

describe('join steps through the driver', () => {
  it('interval-joins two co-partitioned streams within [ts - beforeMs, ts + afterMs]', () => {
    const topology = createTopology('interval');
    const clicks = source(topology, 'clicks').groupByKey();
    const views = source(topology, 'views').groupByKey();
    clicks
      .join(
        'click-after-view',
        views,
        { beforeMs: 1_000, afterMs: 0 },
        (click, view) => `${click.what}<-${view?.what ?? 'none'}`,
      )
      .to('write', { topic: 'out', key: stringSerde, value: stringSerde });
    const driver = createTestDriver(topology);
    driver.pipe('views', 'ann', { user: 'ann', ms: 1_000, what: 'v1' });
    driver.pipe('views', 'ann', { user: 'ann', ms: 1_999, what: 'v2' });
    // click at 2000: views in [1000, 2000] match: v1 exactly at the lower bound, v2 inside.
    driver.pipe('clicks', 'ann', { user: 'ann', ms: 2_000, what: 'c1' });
    driver.pipe('clicks', 'bob', { user: 'bob', ms: 2_000, what: 'c2' }); // another key: nothing
    expect(
      driver
        .output<string, string>('write')
        .map(({ value, timestampMs }) => [value, timestampMs])
        .sort(),
    ).toEqual([
      ['c1<-v1', 2_000],
      ['c1<-v2', 2_000],
    ]);
  });

  it('left-joins: a record that matched nothing is emitted once with null when its interval closes', () => {
    const topology = createTopology('left-interval');
    const clicks = source(topology, 'clicks').groupByKey();
    const views = source(topology, 'views').groupByKey();
    clicks
      .join(
        'click-view',
        views,
        { beforeMs: 0, afterMs: 500, type: 'left' },
        (click, view) => `${click.what}:${view?.what ?? 'null'}`,
      )
      .to('write', { topic: 'out', key: stringSerde, value: stringSerde });
    const driver = createTestDriver(topology);
    driver.pipe('clicks', 'ann', { user: 'ann', ms: 1_000, what: 'c1' });
    driver.pipe('views', 'ann', { user: 'ann', ms: 1_400, what: 'v' }); // in [1000, 1500]: matched
    driver.pipe('clicks', 'ann', { user: 'ann', ms: 2_000, what: 'c2' });
    expect(driver.output<string, string>('write').map(({ value }) => value)).toEqual(['c1:v']);
    driver.endInput(); // c2's interval [2000, 2500] closes with no view
    expect(driver.output<string, string>('write').map(({ value }) => value)).toEqual(['c1:v', 'c2:null']);
  });

  it('joins a stream with the table version valid at each record time; later updates do not change it', () => {
    const topology = createTopology('point-in-time');
    const flights = source(topology, 'flights').groupByKey();
    const statistics = topology
      .stream('read-statistics', {
        topic: 'statistics',
        key: stringSerde,
        value: numberSerde,
        timestamp: (total: number) => total,
      })
      .groupByKey();
    flights
      .joinTable(
        'enrich',
        statistics,
        { mode: 'point-in-time', retentionMs: 60_000, type: 'left' },
        (flight, total) => `${flight.what}:${total ?? 'none'}`,
      )
      .to('write', { topic: 'out', key: stringSerde, value: stringSerde });
    const driver = createTestDriver(topology);
    // The table's value doubles as its event time here: version 100 valid from 100, 300 from 300.
    driver.pipe('statistics', 'ann', 100);
    driver.pipe('flights', 'ann', { user: 'ann', ms: 250, what: 'f1' });
    driver.pipe('statistics', 'ann', 300);
    driver.pipe('flights', 'ann', { user: 'ann', ms: 350, what: 'f2' });
    driver.pipe('flights', 'bob', { user: 'bob', ms: 350, what: 'f3' });
    driver.endInput();
    expect(
      driver
        .output<string, string>('write')
        .map(({ value }) => value)
        .sort(),
    ).toEqual(['f1:100', 'f2:300', 'f3:none']);
  });

  it('joins inputs that reach the join through repartition topics', () => {
    const topology = createTopology('rekeyed-join');
    // Both sides arrive keyed by something else and are re-keyed by user before the join.
    const clicks = source(topology, 'clicks').groupBy('clicks-by-user', (_key, value) => value.user, {
      key: stringSerde,
    });
    const views = source(topology, 'views').groupBy('views-by-user', (_key, value) => value.user, { key: stringSerde });
    clicks
      .join(
        'click-after-view',
        views,
        { beforeMs: 1_000, afterMs: 0 },
        (click, view) => `${click.what}<-${view?.what ?? 'none'}`,
      )
      .to('write', { topic: 'out', key: stringSerde, value: stringSerde });
    const driver = createTestDriver(topology, { partitions: 3 });
    driver.pipe('views', 'session-1', { user: 'ann', ms: 1_500, what: 'v1' });
    driver.pipe('clicks', 'session-2', { user: 'ann', ms: 2_000, what: 'c1' });
    expect(driver.output<string, string>('write').map(({ key, value }) => [key, value])).toEqual([['ann', 'c1<-v1']]);
  });

  it('window-joins the records of both streams in the same tumbling window, when the window fires', () => {
    const topology = createTopology('window-join');
    const clicks = source(topology, 'clicks').groupByKey();
    const views = source(topology, 'views').groupByKey();
    clicks
      .windowJoin(
        'same-second',
        views,
        tumbling({ sizeMs: 1_000, allowedLatenessMs: 0 }),
        (click, view) => `${click.what}+${view.what}`,
      )
      .to('write', { topic: 'out', key: stringSerde, value: stringSerde });
    const driver = createTestDriver(topology);
    driver.pipe('clicks', 'ann', { user: 'ann', ms: 100, what: 'c1' });
    driver.pipe('views', 'ann', { user: 'ann', ms: 999, what: 'v1' }); // window [0, 1000): pairs with c1
    driver.pipe('views', 'ann', { user: 'ann', ms: 1_000, what: 'v2' }); // next window: no click there
    expect(driver.output('write')).toEqual([]); // nothing before the window fires
    driver.endInput();
    expect(driver.output<string, string>('write').map(({ value, timestampMs }) => [value, timestampMs])).toEqual([
      ['c1+v1', 999],
    ]);
  });
});
