import { createMemoryStore } from '@fp/keyed-state';
import { numberSerde, stringSerde } from '@fp/serdes';
import { createTopology } from '@fp/topology';
import { count, tumbling } from '@fp/windowing';
import { describe, expect, it } from 'vitest';
import { InProcessCluster } from './in-process-cluster';
import type { RawRecord } from './raw-record';

const PARTITIONS = 2;

/** Page views keyed by user, re-keyed by page, counted per page in 10 ms tumbling windows. */
function pageCountsTopology() {
  const topology = createTopology('page-counts');
  const windows = topology
    .stream('read-views', { topic: 'views', key: stringSerde, value: stringSerde })
    .selectKey('by-page', (_user, page) => page)
    .groupByKey({ key: stringSerde, value: stringSerde })
    .windowedBy(tumbling({ sizeMs: 10, allowedLatenessMs: 0 }))
    .aggregate('count-views', count());
  windows
    .toStream()
    .map('to-row', (windowed, views) => ({ key: `${windowed.key}@${windowed.window.startMs}`, value: views }))
    .to('write-counts', { topic: 'counts', key: stringSerde, value: numberSerde });
  windows.late().to('write-late', { topic: 'late-views', key: stringSerde, value: stringSerde });
  return topology;
}

function startCluster() {
  const cluster = new InProcessCluster({
    topology: pageCountsTopology(),
    partitions: () => PARTITIONS,
    store: () => createMemoryStore<unknown>(),
    now: () => 0,
  });
  return cluster;
}

function view(partition: number, offset: number, user: string, page: string, timestampMs: number): RawRecord {
  return {
    topic: 'views',
    partition,
    offset: String(offset),
    key: Buffer.from(user),
    value: Buffer.from(page),
    timestampMs,
  };
}

function rows(cluster: InProcessCluster, topic: string): [string, string][] {
  return cluster.outputs
    .filter((record) => record.topic === topic)
    .map((record): [string, string] => [
      record.key?.toString() ?? '',
      topic === 'counts' ? String(numberSerde.deserialize(record.value as Buffer)) : (record.value?.toString() ?? ''),
    ])
    .sort();
}

describe('InProcessCluster.injectBatch()', () => {
  it('gives the same outputs as record-by-record injection when records come in event-time order', async () => {
    const records = Array.from({ length: 60 }, (_, at) =>
      view(at % PARTITIONS, Math.floor(at / PARTITIONS), `user-${at % 7}`, `page-${at % 3}`, at),
    );
    const oneByOne = startCluster();
    await oneByOne.restore();
    for (const record of records) oneByOne.injectRecord(record);
    oneByOne.endOfInput();

    const batched = startCluster();
    await batched.restore();
    for (let from = 0; from < records.length; from += 8) batched.injectBatch(records.slice(from, from + 8));
    batched.endOfInput();

    expect(rows(batched, 'counts')).toEqual(rows(oneByOne, 'counts'));
    expect(rows(batched, 'counts')).toContainEqual(['page-0@0', '4']);
    expect(batched.counters()).toEqual(oneByOne.counters());
  });

  it('sends each upstream task’s latest watermark when the batch ends', async () => {
    const cluster = startCluster();
    await cluster.restore();
    // Upstream watermarks end at 25 (partition 0) and 24 (partition 1): window [0, 10) fires, [20, 30) not yet.
    cluster.injectBatch([view(0, 0, 'ann', 'home', 5), view(1, 0, 'bob', 'home', 25), view(0, 1, 'cid', 'cart', 26)]);
    expect(cluster.watermarkMs()).toBe(24);
    expect(rows(cluster, 'counts')).toEqual([['home@0', '1']]);
  });

  it('judges lateness against the watermark of the previous batch, as the streaming runtime does', async () => {
    // Record by record, the marker of partition 1's "bob@25" reaches the counting tasks before "cid@3" arrives.
    const lateRecordByRecord = startCluster();
    await lateRecordByRecord.restore();
    for (const record of [view(0, 0, 'ann', 'home', 20), view(1, 0, 'bob', 'home', 25), view(0, 1, 'cid', 'home', 3)]) {
      lateRecordByRecord.injectRecord(record);
    }
    expect(rows(lateRecordByRecord, 'late-views')).toEqual([['home', 'home']]);

    // In one batch, the counting tasks still hold the watermark of before the batch: "cid@3" counts.
    const batched = startCluster();
    await batched.restore();
    batched.injectBatch([view(0, 0, 'ann', 'home', 20), view(1, 0, 'bob', 'home', 25), view(0, 1, 'cid', 'home', 3)]);
    batched.endOfInput();
    expect(rows(batched, 'late-views')).toEqual([]);
    expect(rows(batched, 'counts')).toEqual([
      ['home@0', '1'],
      ['home@20', '2'],
    ]);
  });

  it('refuses a batch started from within a batch', async () => {
    const topology = createTopology('nested');
    const nested: { cluster?: InProcessCluster } = {};
    topology
      .stream('read', { topic: 'in', key: stringSerde, value: stringSerde })
      .peek('nest', () => nested.cluster?.injectBatch([]))
      .to('write', { topic: 'out', key: stringSerde, value: stringSerde });
    const cluster = new InProcessCluster({
      topology,
      partitions: () => 1,
      store: () => createMemoryStore<unknown>(),
      now: () => 0,
    });
    nested.cluster = cluster;
    await cluster.restore();
    expect(() => cluster.injectBatch([{ ...view(0, 0, 'ann', 'home', 1), topic: 'in' }])).toThrow(/within a batch/);
  });
});
