import { cardFeaturesView, rawAggSerde, type TransactionAgg } from '@fp/card-transactions';
import { createLogger, createSilentLogger } from '@fp/log';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OnlineStoreError } from './errors';
import { openViewStore, type TopicRecord, type ViewStore } from './view-store';

const MINUTE_MS = 60_000;
const serde = rawAggSerde();

function agg(ccNum: number, windowEndMs: number, count = 1): TransactionAgg {
  return {
    cc_num: ccNum,
    num_trans_per_10m: count,
    avg_amt_per_10m: 10,
    stdev_amt_per_10m: 0,
    window_start: windowEndMs - 10 * MINUTE_MS,
    window_end: windowEndMs,
  };
}

function record(offset: number, row: TransactionAgg | null): TopicRecord {
  return {
    offset: String(offset),
    timestampMs: row?.window_end === null || row === null ? 0 : row.window_end - 1,
    value: row === null ? null : serde.serialize(row),
  };
}

describe('openViewStore', () => {
  let dir: string;
  const open: ViewStore[] = [];
  const openStore = async (options: { topic?: string; log?: ReturnType<typeof createSilentLogger> } = {}) => {
    const store = await openViewStore({
      view: cardFeaturesView,
      serde,
      path: join(dir, 'view'),
      now: () => 5_000,
      log: options.log ?? createSilentLogger(),
      ...(options.topic === undefined ? {} : { topic: options.topic }),
    });
    open.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'online-store-'));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the latest row per entity with its coordinates, event time, availability and write time', async () => {
    const store = await openStore();
    await store.apply(2, [record(10, agg(42, 10 * MINUTE_MS, 1)), record(11, agg(42, 11 * MINUTE_MS, 2))]);
    expect(store.get('42')).toEqual({
      rowJson: JSON.stringify(agg(42, 11 * MINUTE_MS, 2)),
      partition: 2,
      offset: '11',
      eventTimeMs: 11 * MINUTE_MS - 1,
      availableAtMs: 12 * MINUTE_MS, // window end + the 60 s out-of-orderness bound
      writtenAtMs: 5_000,
    });
    expect(store.get('7')).toBeUndefined();
  });

  it('never lets a row available earlier (an older window, read later) hide the latest one', async () => {
    const store = await openStore();
    await store.apply(0, [record(1, agg(42, 20 * MINUTE_MS, 5))]);
    await store.apply(1, [record(1, agg(42, 15 * MINUTE_MS, 9))]);
    expect(JSON.parse(store.get('42')?.rowJson ?? 'null')).toMatchObject({ num_trans_per_10m: 5 });
    // An equally available row read later replaces it (a re-emission of the same window).
    await store.apply(0, [record(2, agg(42, 20 * MINUTE_MS, 6))]);
    expect(JSON.parse(store.get('42')?.rowJson ?? 'null')).toMatchObject({ num_trans_per_10m: 6 });
    expect(store.stats()).toMatchObject({
      rowsRead: 3,
      rowsWritten: 2,
      badRecords: 0,
      maxEventTimeMs: 20 * MINUTE_MS - 1,
    });
  });

  it('counts and logs undecodable records with their coordinates, and goes on', async () => {
    const lines: string[] = [];
    const log = createLogger({
      name: 'test',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    const store = await openStore({ log });
    await store.apply(3, [
      { offset: '5', timestampMs: 0, value: Buffer.from([0xff, 0x01]) },
      record(6, null),
      record(7, agg(1, 10 * MINUTE_MS)),
    ]);
    expect(store.stats()).toMatchObject({ rowsRead: 1, badRecords: 2 });
    // The good record after the bad ones is kept, at its own offset.
    expect(store.get('1')).toMatchObject({ partition: 3, offset: '7' });
    expect(JSON.parse(store.get('1')?.rowJson ?? 'null')).toEqual(agg(1, 10 * MINUTE_MS));
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.map(({ partition, offset, topic }) => ({ partition, offset, topic }))).toEqual([
      { topic: 'card_transactions_10m_agg', partition: 3, offset: '5' },
      { topic: 'card_transactions_10m_agg', partition: 3, offset: '6' },
    ]);
  });

  it('answers many keys in request order, undefined for unknown ones', async () => {
    const store = await openStore();
    await store.apply(0, [record(0, agg(1, 10 * MINUTE_MS)), record(1, agg(2, 10 * MINUTE_MS))]);
    await store.commit();
    const rows = await store.getMany(['2', 'nope', '1', '2']);
    expect(rows.map((row) => row?.offset)).toEqual(['1', undefined, '0', '1']);
  });

  it('keeps committed rows and positions across a reopen, and drops what was not committed', async () => {
    const first = await openStore();
    await first.apply(0, [record(0, agg(1, 10 * MINUTE_MS))]);
    first.advance(0, '1');
    first.advance(1, '4');
    await first.commit();
    await first.apply(0, [record(1, agg(2, 10 * MINUTE_MS))]);
    first.advance(0, '2');
    expect(first.positions()).toEqual(
      new Map([
        [0, '2'],
        [1, '4'],
      ]),
    );
    await first.close();

    const second = await openStore();
    expect(second.committedPositions()).toEqual(
      new Map([
        [0, '1'],
        [1, '4'],
      ]),
    );
    expect(second.positions()).toEqual(second.committedPositions());
    expect(second.get('1')?.offset).toBe('0');
    expect(second.get('2')).toBeUndefined();
  });

  it('refuses a state directory materialised from another topic', async () => {
    const first = await openStore();
    await first.commit();
    await first.close();
    await expect(openStore({ topic: 'other_topic' })).rejects.toThrow(OnlineStoreError);
    await expect(openStore({ topic: 'other_topic' })).rejects.toMatchObject({ code: 'ONLINE_STORE_STATE_MISMATCH' });
  });
});
