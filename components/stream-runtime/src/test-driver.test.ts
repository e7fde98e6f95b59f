import { PipelineError } from '@fp/errors';
import { jsonSerde, numberSerde, stringSerde } from '@fp/serdes';
import { createTopology, windowedKeySerde, type Windowed } from '@fp/topology';
import { count, hopping, session, sum, tumbling } from '@fp/windowing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDriver } from './test-driver';

const click = z.object({ user: z.string(), page: z.string(), ms: z.number() });
type Click = z.infer<typeof click>;
const clickSerde = jsonSerde(click);

function clicksTopology(maxOutOfOrdernessMs?: number) {
  const topology = createTopology('clicks');
  const clicks = topology.stream('read-clicks', {
    topic: 'clicks',
    key: stringSerde,
    value: clickSerde,
    timestamp: (value: Click) => value.ms,
    ...(maxOutOfOrdernessMs === undefined
      ? {}
      : { watermark: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs } as const }),
  });
  return { topology, clicks };
}

const sortByJson = <T>(items: readonly T[]) =>
  [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('createTestDriver(): stateless steps', () => {
  it('filters, maps values, flat-maps, peeks and writes to a sink with its serdes', () => {
    const { topology, clicks } = clicksTopology();
    const seen: string[] = [];
    clicks
      .filter('only-home', (_user, value) => value.page.startsWith('home'))
      .peek('remember', (user) => seen.push(user))
      .flatMapValues('twice', (value) => [value.page, `${value.page}!`])
      .mapValues('upper', (page) => page.toUpperCase())
      .to('write', { topic: 'pages', key: stringSerde, value: stringSerde });

    const driver = createTestDriver(topology);
    driver.pipe('read-clicks', 'ann', { user: 'ann', page: 'home', ms: 1 });
    driver.pipe('clicks', 'bob', { user: 'bob', page: 'cart', ms: 2 });
    driver.pipe('clicks', 'cid', { user: 'cid', page: 'home-2', ms: 3 });

    expect(driver.output('write').map(({ key, value }) => [key, value])).toEqual([
      ['ann', 'HOME'],
      ['ann', 'HOME!'],
      ['cid', 'HOME-2'],
      ['cid', 'HOME-2!'],
    ]);
    expect(seen).toEqual(['ann', 'cid']);
    expect(driver.counters()).toMatchObject({ recordsIn: 3, recordsOut: 4 });
  });

  it('re-keys with selectKey and map, and splits a stream into first-match branches', () => {
    const { topology, clicks } = clicksTopology();
    const branches = clicks
      .selectKey('by-page', (_user, value) => value.page)
      .map('to-user', (page, value) => ({ key: page, value: value.user }))
      .split('route', { home: (page) => page === 'home', short: (page) => page.length <= 4 });
    branches.home.to('write-home', { topic: 'home', key: stringSerde, value: stringSerde });
    branches.short.to('write-short', { topic: 'short', key: stringSerde, value: stringSerde });
    branches.default.to('write-other', { topic: 'other', key: stringSerde, value: stringSerde });

    const driver = createTestDriver(topology);
    for (const [user, page] of [
      ['ann', 'home'],
      ['bob', 'cart'],
      ['cid', 'checkout'],
    ] as const) {
      driver.pipe('clicks', user, { user, page, ms: 1 });
    }
    // "home" matches both predicates but goes to the first branch only.
    expect(driver.output('home').map(({ key, value }) => [key, value])).toEqual([['home', 'ann']]);
    expect(driver.output('short').map(({ key, value }) => [key, value])).toEqual([['cart', 'bob']]);
    expect(driver.output('other').map(({ key, value }) => [key, value])).toEqual([['checkout', 'cid']]);
  });

  it('merges two inputs into one stream', () => {
    const topology = createTopology('merge');
    const serdes = { key: stringSerde, value: stringSerde };
    const a = topology.stream('read-a', { topic: 'a', ...serdes });
    const b = topology.stream('read-b', { topic: 'b', ...serdes });
    a.merge('union', b).to('write', { topic: 'out', ...serdes });
    const driver = createTestDriver(topology);
    driver.pipe('a', 'k', 'from-a');
    driver.pipe('b', 'k', 'from-b');
    expect(driver.output('out').map(({ value }) => value)).toEqual(['from-a', 'from-b']);
  });
});

describe('createTestDriver(): keyed aggregation', () => {
  it('keeps a running count per key and emits every update', () => {
    const { topology, clicks } = clicksTopology();
    clicks
      .groupByKey()
      .count('clicks-per-user')
      .toStream()
      .to('write', { topic: 'counts', key: stringSerde, value: numberSerde });
    const driver = createTestDriver(topology);
    for (const user of ['ann', 'bob', 'ann', 'ann']) driver.pipe('clicks', user, { user, page: 'p', ms: 1 });
    expect(driver.output('counts').map(({ key, value }) => `${String(key)}=${String(value)}`)).toEqual([
      'ann=1',
      'bob=1',
      'ann=2',
      'ann=3',
    ]);
  });

  it('repartitions after a re-key so each new key is counted by one task, whatever the partition counts', async () => {
    const build = () => {
      const { topology, clicks } = clicksTopology();
      clicks
        .groupBy('by-page', (_user, value) => value.page, { key: stringSerde })
        .count('clicks-per-page')
        .toStream()
        .to('write', { topic: 'page-counts', key: stringSerde, value: numberSerde });
      return topology;
    };
    const pages = ['home', 'cart', 'home', 'search', 'home', 'cart'];
    const finalCounts = (partitions: number) => {
      const driver = createTestDriver(build(), { partitions });
      pages.forEach((page, n) => driver.pipe('clicks', `user-${n}`, { user: `user-${n}`, page, ms: n }));
      const last = new Map<string, number>();
      for (const { key, value } of driver.output<string, number>('write')) last.set(key, value);
      return Object.fromEntries([...last].sort());
    };
    expect(finalCounts(1)).toEqual({ cart: 2, home: 3, search: 1 });
    expect(finalCounts(4)).toEqual({ cart: 2, home: 3, search: 1 });
    expect(build().subTopologies).toHaveLength(2);
  });

  it('exposes the step store for inspection', async () => {
    const { topology, clicks } = clicksTopology();
    clicks.groupByKey().count('clicks-per-user');
    const driver = createTestDriver(topology);
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 1 });
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 2 });
    const entries = await driver.store('clicks-per-user');
    expect([...entries.values()]).toEqual([2]);
  });
});

describe('createTestDriver(): event-time windows', () => {
  function windowedCounts(spec: Parameters<typeof tumbling>[0]) {
    const { topology, clicks } = clicksTopology();
    const windows = clicks.groupByKey().windowedBy(tumbling(spec)).count('count-10s');
    windows
      .toStream()
      .mapValues('to-row', (total, windowed: Windowed<string>) => ({ user: windowed.key, ...windowed.window, total }))
      .to('write', {
        topic: 'counts',
        key: windowedKeySerde(stringSerde),
        value: jsonSerde(z.object({ user: z.string(), startMs: z.number(), endMs: z.number(), total: z.number() })),
      });
    windows.late().to('write-late', { topic: 'late-clicks', key: stringSerde, value: clickSerde });
    return createTestDriver(topology);
  }

  it('fires a tumbling window once, when the watermark reaches endMs - 1', () => {
    const driver = windowedCounts({ sizeMs: 10_000, allowedLatenessMs: 0 });
    // Window [0, 10000). Monotonous watermark = max event time - 1.
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 0 }); // start of the window; watermark -1
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 9_999 }); // endMs - 1 is inside; watermark 9998
    expect(driver.output('write')).toEqual([]);
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 10_000 }); // next window; watermark 9999 = endMs - 1: fires
    expect(driver.output('write').map(({ value, timestampMs }) => ({ value, timestampMs }))).toEqual([
      { value: { user: 'ann', startMs: 0, endMs: 10_000, total: 2 }, timestampMs: 9_999 },
    ]);
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 15_000 });
    expect(driver.output('write')).toHaveLength(1); // never fires twice
    driver.endInput();
    expect(driver.output('write').map(({ value }) => value)).toEqual([
      { user: 'ann', startMs: 0, endMs: 10_000, total: 2 },
      { user: 'ann', startMs: 10_000, endMs: 20_000, total: 2 },
    ]);
  });

  it('routes a record late for all its windows to late(), counts it, and never drops it silently', () => {
    const driver = windowedCounts({ sizeMs: 10_000, allowedLatenessMs: 0 });
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 20_000 }); // watermark 19999
    driver.pipe('clicks', 'bob', { user: 'bob', page: 'p', ms: 9_999 }); // [0,10000): 9999 <= 19999, late
    driver.endInput();
    expect(driver.output('write').map(({ value }) => value)).toEqual([
      { user: 'ann', startMs: 20_000, endMs: 30_000, total: 1 },
    ]);
    expect(driver.output('write-late').map(({ key }) => key)).toEqual(['bob']);
    expect(driver.late('count-10s')).toHaveLength(1);
    expect(driver.counters().lateRecords).toBe(1);
  });

  it('counts each record in size / advance hopping windows', () => {
    const { topology, clicks } = clicksTopology();
    clicks
      .groupByKey()
      .windowedBy(hopping({ sizeMs: 10_000, advanceMs: 5_000, allowedLatenessMs: 0 }))
      .aggregate(
        'sum-ms',
        sum((value: Click) => value.ms),
      )
      .toStream()
      .mapValues('to-row', (total, windowed) => `${windowed.key}:${windowed.window.startMs}:${total}`)
      .to('write', { topic: 'sums', key: windowedKeySerde(stringSerde), value: stringSerde });
    const driver = createTestDriver(topology);
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 7_000 }); // windows [0,10000) and [5000,15000)
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 12_000 }); // windows [5000,15000) and [10000,20000)
    driver.endInput();
    expect(sortByJson(driver.output<unknown, string>('write').map(({ value }) => value))).toEqual(
      sortByJson(['ann:0:7000', 'ann:5000:19000', 'ann:10000:12000']),
    );
  });

  it('merges session windows when a record bridges two sessions', () => {
    // Watermark = max event time - 1000 - 1, so the first session is still open when the bridge arrives.
    const { topology, clicks } = clicksTopology(1_000);
    clicks
      .groupByKey()
      .windowedBy(session({ gapMs: 1_000, allowedLatenessMs: 0 }))
      .aggregate('sessions', count())
      .toStream()
      .mapValues('to-row', (total, windowed) => [windowed.window.startMs, windowed.window.endMs, total])
      .to('write', { topic: 'sessions', key: windowedKeySerde(stringSerde), value: jsonSerde(z.array(z.number())) });
    const driver = createTestDriver(topology);
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 1_000 }); // session [1000, 2000)
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 2_500 }); // [2500, 3500): separate; watermark 1499
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 1_800 }); // [1800, 2800) overlaps both: one session
    driver.endInput();
    expect(driver.output<unknown, number[]>('write').map(({ value }) => value)).toEqual([[1_000, 3_500, 3]]);
  });
});

describe('createTestDriver(): watermarks across inputs and partitions', () => {
  function mergedCounts(options: { idleTimeoutMs?: number }) {
    const topology = createTopology('two-inputs');
    const source = (topic: string) =>
      topology.stream(`read-${topic}`, {
        topic,
        key: stringSerde,
        value: numberSerde,
        timestamp: (value: number) => value,
        ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
      });
    source('a')
      .merge('union', source('b'))
      .groupByKey()
      .windowedBy(tumbling({ sizeMs: 100, allowedLatenessMs: 0 }))
      .count('count-100ms')
      .toStream()
      .mapValues('to-row', (total, windowed) => `${windowed.window.startMs}:${total}`)
      .to('write', { topic: 'out', key: windowedKeySerde(stringSerde), value: stringSerde });
    return createTestDriver(topology);
  }

  it('holds the watermark at the minimum of its inputs', () => {
    const driver = mergedCounts({});
    driver.pipe('a', 'k', 50);
    driver.pipe('a', 'k', 500); // input a: watermark 499; input b: no record yet, -Infinity
    expect(driver.output('write')).toEqual([]);
    driver.pipe('b', 'k', 150); // min(499, 149) = 149 >= 99: window [0,100) fires
    expect(driver.output<unknown, string>('write').map(({ value }) => value)).toEqual(['0:1']);
    expect(driver.watermarkMs()).toBe(149);
  });

  it('stops waiting for an input that has been idle for idleTimeoutMs of processing time', () => {
    const driver = mergedCounts({ idleTimeoutMs: 1_000 });
    driver.pipe('a', 'k', 50);
    driver.advanceTime(999);
    driver.pipe('a', 'k', 500); // a is active at 999 ms; b has sent nothing since 0 ms
    expect(driver.output('write')).toEqual([]);
    driver.advanceTime(1); // b idle for 1000 ms: watermark = a's 499
    expect(driver.output<unknown, string>('write').map(({ value }) => value)).toEqual(['0:1']);
  });

  it('carries the minimum upstream watermark across a repartition topic', () => {
    const build = () => {
      const { topology, clicks } = clicksTopology();
      clicks
        .groupBy('by-page', (_user, value) => value.page, { key: stringSerde })
        .windowedBy(tumbling({ sizeMs: 1_000, allowedLatenessMs: 0 }))
        .count('count-1s')
        .toStream()
        .mapValues('to-row', (total, windowed) => `${windowed.key}@${windowed.window.startMs}=${total}`)
        .to('write', { topic: 'out', key: windowedKeySerde(stringSerde), value: stringSerde });
      return topology;
    };
    const clicks = Array.from({ length: 60 }, (_, n) => ({ user: `u${n % 7}`, page: `p${n % 3}`, ms: n * 97 }));
    const run = (partitions: number, end: boolean) => {
      const driver = createTestDriver(build(), { partitions });
      for (const value of clicks) driver.pipe('clicks', value.user, value);
      if (end) driver.endInput();
      return driver.output<unknown, string>('write').map(({ value }) => value);
    };
    // Same multiset with 1 or 3 partitions, both before and after the end of input.
    expect(sortByJson(run(3, true))).toEqual(sortByJson(run(1, true)));
    // Before the end, a window fires only when every upstream task's watermark passed it, so
    // with three upstream tasks no more than with one (and nothing is wrong, only later).
    const partial = run(3, false);
    expect(partial.every((row) => run(1, false).includes(row))).toBe(true);
  });
});

describe('createTestDriver(): bad input', () => {
  function policyTopology(policy: 'fail' | 'skip' | 'dead-letter') {
    const { topology } = { topology: createTopology('bad-input') };
    topology
      .stream('read-clicks', { topic: 'clicks', key: stringSerde, value: clickSerde, onDeserializationError: policy })
      .to('write', { topic: 'out', key: stringSerde, value: clickSerde });
    return createTestDriver(topology);
  }

  it('fails by default with the record coordinates and step', () => {
    const driver = policyTopology('fail');
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 1 });
    expect(() => driver.pipeBytes('clicks', Buffer.from('ann'), Buffer.from('{not json'))).toThrow(
      /cannot read clicks\[0\]@1 in step "read-clicks"/,
    );
  });

  it('skips and counts with skip', () => {
    const driver = policyTopology('skip');
    driver.pipeBytes('clicks', null, Buffer.from('{"user":"ann"}'));
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 1 });
    expect(driver.output('out')).toHaveLength(1);
    expect(driver.counters().skippedRecords).toBe(1);
  });

  it('hands the original bytes and a located error to the dead-letter output', () => {
    const driver = policyTopology('dead-letter');
    driver.pipeBytes('clicks', Buffer.from('k'), Buffer.from('{"user":1}'), 42);
    const [dead] = driver.deadLetters();
    expect(dead?.record).toMatchObject({ topic: 'clicks', partition: 0, offset: '0', timestampMs: 42 });
    expect(dead?.record.value?.toString()).toBe('{"user":1}');
    expect(dead?.stepName).toBe('read-clicks');
    expect(dead?.error).toMatchObject({ code: 'STREAM_RUNTIME_DESERIALIZATION_FAILED', domain: 'data' });
    expect(driver.counters().deadLetteredRecords).toBe(1);
  });
});

describe('createTestDriver(): data errors in steps', () => {
  class PageError extends PipelineError<'PAGE_EMPTY'> {}
  const requirePage = (value: Click): Click => {
    if (value.page === '') throw new PageError('PAGE_EMPTY', `click of ${value.user} has no page`, { domain: 'data' });
    return value;
  };

  /** Clicks checked in a step before the source's key is changed, then counted per page after a repartition. */
  function checkedTopology(policy: 'fail' | 'skip' | 'dead-letter', check: (value: Click) => Click = requirePage) {
    const topology = createTopology('checked');
    topology
      .stream('read-clicks', {
        topic: 'clicks',
        key: stringSerde,
        value: clickSerde,
        timestamp: (value: Click) => value.ms,
        onDeserializationError: policy,
      })
      .mapValues('require-page', check)
      .groupBy('by-page', (_user, value) => value.page, { key: stringSerde, value: clickSerde })
      .windowedBy(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }))
      .aggregate('count-10ms', count())
      .toStream()
      .map('to-row', (windowed, n) => ({ key: windowed.key, value: `${windowed.window.startMs}:${n}` }))
      .to('write', { topic: 'counts', key: stringSerde, value: stringSerde });
    return createTestDriver(topology);
  }

  it('dead-letters the record a step rejects with a data error, naming the step, and carries on', () => {
    const driver = checkedTopology('dead-letter');
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'home', ms: 1 });
    driver.pipe('clicks', 'bob', { user: 'bob', page: '', ms: 50 }, 7);
    driver.pipe('clicks', 'cid', { user: 'cid', page: 'home', ms: 2 });
    driver.endInput();
    // The rejected record moved no watermark: window [0, 10) still counts the click at 2 ms.
    expect(driver.output('write').map(({ key, value }) => [key, value])).toEqual([['home', '0:2']]);
    const [dead] = driver.deadLetters();
    expect(driver.deadLetters()).toHaveLength(1);
    expect(dead?.stepName).toBe('require-page');
    expect(dead?.record).toMatchObject({ topic: 'clicks', partition: 0, offset: '1', timestampMs: 7 });
    expect(dead?.record.key?.toString()).toBe('bob');
    expect(JSON.parse(dead?.record.value?.toString() ?? '')).toEqual({ user: 'bob', page: '', ms: 50 });
    expect(dead?.error).toMatchObject({
      code: 'STREAM_RUNTIME_RECORD_REJECTED',
      domain: 'data',
      coordinates: { topic: 'clicks', partition: 0, offset: '1', stepName: 'require-page' },
    });
    expect(dead?.error.message).toBe('step "require-page" rejected clicks[0]@1: click of bob has no page');
    expect(dead?.error.cause).toBeInstanceOf(PageError);
    // Two clicks read from `clicks`, and each again from the repartition topic.
    expect(driver.counters()).toMatchObject({ recordsIn: 4, deadLetteredRecords: 1, skippedRecords: 0 });
  });

  it('skips and counts it with skip, and stops with the step and coordinates with fail', () => {
    const skipping = checkedTopology('skip');
    skipping.pipe('clicks', 'bob', { user: 'bob', page: '', ms: 50 });
    expect(skipping.counters()).toMatchObject({ recordsIn: 0, skippedRecords: 1, deadLetteredRecords: 0 });
    const failing = checkedTopology('fail');
    expect(() => failing.pipe('clicks', 'bob', { user: 'bob', page: '', ms: 50 })).toThrow(
      expect.objectContaining({
        code: 'STREAM_RUNTIME_RECORD_REJECTED',
        message: 'step "require-page" rejected clicks[0]@0: click of bob has no page',
      }),
    );
  });

  it('still stops on any other error, a bug, whatever the policy', () => {
    const driver = checkedTopology('dead-letter', (value) => {
      if (value.page === '') throw new TypeError('cannot read the page');
      return value;
    });
    expect(() => driver.pipe('clicks', 'bob', { user: 'bob', page: '', ms: 50 })).toThrow(
      expect.objectContaining({
        code: 'STREAM_RUNTIME_PROCESSING_FAILED',
        message: 'step "require-page" failed on clicks[0]@0: cannot read the page',
      }),
    );
    expect(driver.deadLetters()).toEqual([]);
  });

  it('applies the policy of the source upstream to a record read from a repartition topic', () => {
    const topology = createTopology('checked-late');
    topology
      .stream('read-clicks', {
        topic: 'clicks',
        key: stringSerde,
        value: clickSerde,
        onDeserializationError: 'dead-letter',
      })
      .groupBy('by-page', (_user, value) => value.page, { key: stringSerde, value: clickSerde })
      .aggregate('count-checked', {
        init: () => 0,
        add: (n: number, value: Click) => n + (requirePage(value) ? 1 : 0),
        merge: (a: number, b: number) => a + b,
        result: (n: number) => n,
      })
      .toStream()
      .to('write', { topic: 'counts', key: stringSerde, value: numberSerde });
    const driver = createTestDriver(topology);
    driver.pipe('clicks', 'bob', { user: 'bob', page: '', ms: 50 }, 3);
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'home', ms: 60 });
    expect(driver.output('write').map(({ key, value }) => [key, value])).toEqual([['home', 1]]);
    const [dead] = driver.deadLetters();
    expect(dead?.stepName).toBe('count-checked');
    expect(dead?.record).toMatchObject({ topic: 'checked-late-by-page-repartition', partition: 0, timestampMs: 3 });
    expect(JSON.parse(dead?.record.value?.toString() ?? '')).toEqual({ user: 'bob', page: '', ms: 50 });
  });
});

describe('createTestDriver(): process steps', () => {
  it('keeps value state per key and fires event-time timers in time order', () => {
    const { topology, clicks } = clicksTopology();
    clicks
      .groupByKey()
      .process<string, number>('close-after-1s', {
        process(context, _user, value, timestampMs) {
          context.state.set((context.state.get() ?? 0) + 1);
          if (context.state.get() === 1) context.registerEventTimeTimer(timestampMs + 1_000);
          void value;
        },
        onTimer(context, user, timerMs) {
          context.forward(user, `${user} clicked ${context.state.get() ?? 0} times before ${timerMs}`);
          context.state.clear();
        },
      })
      .to('write', { topic: 'out', key: stringSerde, value: stringSerde });
    const driver = createTestDriver(topology);
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 0 });
    driver.pipe('clicks', 'ann', { user: 'ann', page: 'p', ms: 500 });
    driver.pipe('clicks', 'bob', { user: 'bob', page: 'p', ms: 600 });
    expect(driver.output('write')).toEqual([]);
    driver.pipe('clicks', 'cid', { user: 'cid', page: 'p', ms: 1_700 }); // watermark 1699 >= ann's 1000, bob's 1600
    expect(driver.output<string, string>('write').map(({ value, timestampMs }) => [value, timestampMs])).toEqual([
      ['ann clicked 2 times before 1000', 1_000],
      ['bob clicked 1 times before 1600', 1_600],
    ]);
  });
});

describe('createTestDriver(): errors', () => {
  it('names the known steps when asked for an unknown one', () => {
    const { topology, clicks } = clicksTopology();
    clicks.to('write', { topic: 'out', key: stringSerde, value: clickSerde });
    const driver = createTestDriver(topology);
    expect(() => driver.output('nope')).toThrow(/no sink step or topic named "nope"; steps: read-clicks, write/);
    expect(() => driver.pipe('nope', 'k', {})).toThrow(/STREAM_RUNTIME|no source step/);
  });

  it('refuses inputs of one task that are not co-partitioned', () => {
    const topology = createTopology('copartition');
    const serdes = { key: stringSerde, value: stringSerde };
    topology
      .stream('read-a', { topic: 'a', ...serdes })
      .merge('union', topology.stream('read-b', { topic: 'b', ...serdes }));
    expect(() => createTestDriver(topology, { partitions: { a: 2, b: 3 } })).toThrow(
      /not co-partitioned \(a: 2, b: 3\)/,
    );
  });
});
