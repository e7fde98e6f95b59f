import { cardFeaturesView, rawAggSerde } from '@fp/card-transactions';
import { createLogger } from '@fp/log';
import { openOnlineStore, type TopicRecord } from '@fp/online-store';
import { createLookupApi } from '@fp/feature-lookup-api';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardFeatureRow } from './card-feature-row';

const N = 1_000_000;
const stateDir = await mkdtemp(join(tmpdir(), 'probe-'));
const log = createLogger({ name: 'probe', level: 'warn' });
const store = await openOnlineStore({ stateDir, views: [{ view: cardFeaturesView, serde: rawAggSerde() }], now: Date.now, log });
const view = store.views[0]!;
const serde = rawAggSerde();
const windowEndMs = Math.floor(Date.now() / 60_000) * 60_000;
for (let start = 1; start <= N; start += 5000) {
  const records: TopicRecord[] = [];
  for (let card = start; card < start + 5000; card++) records.push({ offset: String(card), timestampMs: windowEndMs - 1, value: serde.serialize(cardFeatureRow(card, windowEndMs)) });
  await view.apply(0, records);
  view.advance(0, String(start + 5000));
  if (view.dirtyCount >= 200_000) await view.commit();
}
await view.commit();
const rnd = () => String(1 + Math.floor(Math.random() * N));
const stat = (name: string, t: number[]) => { t.sort((a, b) => a - b); console.log(name.padEnd(10), 'p50', t[Math.floor(t.length / 2)]!.toFixed(2), 'p90', t[Math.floor(t.length * 0.9)]!.toFixed(2)); };
const app = createLookupApi({ store, isReady: () => true, lag: () => [], now: Date.now, log });
await app.ready();
for (let round = 0; round < 3; round++) {
  const g: number[] = [], inj: number[] = [], nov: number[] = [];
  for (let i = 0; i < 100; i++) {
    const keys = Array.from({ length: 1000 }, rnd);
    let t = performance.now(); await view.getMany(keys); g.push(performance.now() - t);
    const body = JSON.stringify({ keys: Array.from({ length: 1000 }, rnd) });
    t = performance.now();
    const res = await app.inject({ method: 'POST', url: `/views/${view.name}/lookup`, headers: { 'content-type': 'application/json' }, payload: body });
    inj.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(res.body);
    t = performance.now();
    await app.inject({ method: 'POST', url: `/views/nope/lookup`, headers: { 'content-type': 'application/json' }, payload: body });
    nov.push(performance.now() - t);
  }
  stat('getMany', g); stat('inject', inj); stat('404-view', nov);
}
await app.close();
await store.close();
