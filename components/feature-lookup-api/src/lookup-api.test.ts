import { cardFeaturesView, rawAggSerde, type TransactionAgg } from '@fp/card-transactions';
import { createSilentLogger } from '@fp/log';
import { openOnlineStore, type OnlineStore } from '@fp/online-store';
import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLookupApi, MAX_KEY_LENGTH, MAX_LOOKUP_KEYS } from './lookup-api';

const NOW_MS = 1_700_000_000_000;
const serde = rawAggSerde();

function agg(ccNum: number, windowEndMs: number): TransactionAgg {
  return {
    cc_num: ccNum,
    num_trans_per_10m: 3,
    avg_amt_per_10m: 12.5,
    stdev_amt_per_10m: 1.25,
    window_start: windowEndMs - 600_000,
    window_end: windowEndMs,
  };
}

describe('createLookupApi', () => {
  let dir: string;
  let store: OnlineStore;
  let app: FastifyInstance;
  let ready = false;
  let lag = [{ view: 'card_transactions_10m_agg', partition: 0, lagRecords: 5 }];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lookup-api-'));
    store = await openOnlineStore({
      stateDir: dir,
      views: [{ view: cardFeaturesView, serde }],
      now: () => NOW_MS - 10,
      log: createSilentLogger(),
    });
    const view = store.view('card_transactions_10m_agg');
    await view?.apply(1, [
      { offset: '7', timestampMs: NOW_MS - 60_001, value: serde.serialize(agg(42, NOW_MS - 60_000)) },
      { offset: '8', timestampMs: NOW_MS - 60_001, value: serde.serialize(agg(7, NOW_MS - 60_000)) },
    ]);
    ready = false;
    lag = [{ view: 'card_transactions_10m_agg', partition: 0, lagRecords: 5 }];
    app = createLookupApi({
      store,
      isReady: () => ready,
      lag: () => lag,
      now: () => NOW_MS,
      log: createSilentLogger(),
    });
  });
  afterEach(async () => {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers one entity with its row and as_of', async () => {
    const response = await app.inject({ method: 'GET', url: '/views/card_transactions_10m_agg/entities/42' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      view: 'card_transactions_10m_agg',
      key: '42',
      row: agg(42, NOW_MS - 60_000),
      as_of: {
        partition: 1,
        offset: '7',
        event_time: NOW_MS - 60_001,
        available_at: NOW_MS, // window end + 60 s
        written_at: NOW_MS - 10,
        freshness_ms: 60_001,
      },
    });
  });

  it('takes keys of up to MAX_KEY_LENGTH characters in the path, and refuses longer ones with a 414', async () => {
    const long = await app.inject({
      method: 'GET',
      url: `/views/card_transactions_10m_agg/entities/${'k'.repeat(MAX_KEY_LENGTH)}`,
    });
    expect(long.statusCode).toBe(404);
    expect(long.json()).toMatchObject({ code: 'UNKNOWN_ENTITY' });
    const tooLong = await app.inject({
      method: 'GET',
      url: `/views/card_transactions_10m_agg/entities/${'k'.repeat(MAX_KEY_LENGTH + 1)}`,
    });
    expect(tooLong.statusCode).toBe(414);
    expect(tooLong.json()).toMatchObject({ code: 'FST_ERR_MAX_PARAM_LENGTH' });
  });

  it('answers 404 for an unknown entity and for an unknown view, saying which', async () => {
    const entity = await app.inject({ method: 'GET', url: '/views/card_transactions_10m_agg/entities/999' });
    expect(entity.statusCode).toBe(404);
    expect(entity.json()).toMatchObject({ code: 'UNKNOWN_ENTITY', message: expect.stringContaining('"999"') });
    const view = await app.inject({ method: 'GET', url: '/views/nope/entities/42' });
    expect(view.statusCode).toBe(404);
    expect(view.json()).toMatchObject({
      code: 'UNKNOWN_VIEW',
      message: expect.stringContaining('card_transactions_10m_agg'),
    });
    const batch = await app.inject({ method: 'POST', url: '/views/nope/lookup', payload: { keys: ['42'] } });
    expect(batch.statusCode).toBe(404);
    expect(batch.json()).toMatchObject({ code: 'UNKNOWN_VIEW' });
  });

  it('answers a batch in request order, null for unknown entities, numbers read as their text', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/views/card_transactions_10m_agg/lookup',
      payload: { keys: ['7', 'missing', 42, '7'] },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ view: string; rows: ({ key: string; row: TransactionAgg } | null)[] }>();
    expect(body.view).toBe('card_transactions_10m_agg');
    expect(body.rows.map((entry) => entry?.key ?? null)).toEqual(['7', null, '42', '7']);
    expect(body.rows[2]?.row).toEqual(agg(42, NOW_MS - 60_000));
  });

  it.each([
    ['no keys field', { ids: ['1'] }, /keys/],
    ['keys not an array', { keys: '42' }, /keys/],
    ['a key that is neither text nor integer', { keys: ['1', true] }, /keys\/1/],
    ['an empty key', { keys: [''] }, /keys\/0/],
    ['too many keys', { keys: Array.from({ length: MAX_LOOKUP_KEYS + 1 }, (_, i) => String(i)) }, /1000/],
  ])('rejects a batch with %s with a 400 that says what is wrong', async (_what, payload, message) => {
    const response = await app.inject({ method: 'POST', url: '/views/card_transactions_10m_agg/lookup', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(message) });
  });

  it('rejects a body that is not JSON with a 400', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/views/card_transactions_10m_agg/lookup',
      headers: { 'content-type': 'application/json' },
      payload: '{"keys": [',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, message: expect.any(String) });
  });

  it('is live at once, ready only when the replica says so, and reports the lag', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const notReady = await app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toEqual({ ready: false, lag_records: 5 });
    ready = true;
    lag = [{ view: 'card_transactions_10m_agg', partition: 0, lagRecords: 0 }];
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('exposes lookup latency, view lag, freshness and row counts to Prometheus', async () => {
    await app.inject({ method: 'GET', url: '/views/card_transactions_10m_agg/entities/42' });
    await app.inject({
      method: 'POST',
      url: '/views/card_transactions_10m_agg/lookup',
      payload: { keys: ['42', 'x'] },
    });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(
      /fp_feature_lookup_duration_seconds_count\{view="card_transactions_10m_agg",kind="single",outcome="found"\} 1/,
    );
    expect(text).toMatch(
      /fp_feature_lookup_duration_seconds_count\{view="card_transactions_10m_agg",kind="batch",outcome="partial"\} 1/,
    );
    expect(text).toMatch(/fp_feature_view_lag_records\{view="card_transactions_10m_agg",partition="0"\} 5/);
    expect(text).toMatch(/fp_feature_view_freshness_seconds\{view="card_transactions_10m_agg"\} 60\.001/);
    expect(text).toMatch(/fp_feature_view_rows_read_total\{view="card_transactions_10m_agg"\} 2/);
  });

  it('lists the views it serves', async () => {
    const response = await app.inject({ method: 'GET', url: '/views' });
    expect(response.json()).toEqual({
      views: [{ name: 'card_transactions_10m_agg', topic: 'card_transactions_10m_agg' }],
    });
  });
});
