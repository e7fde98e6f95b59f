/**
 * The online store's materialisation alone, without Kafka: `--entities` raw-Avro card feature rows
 * (one per card), split over `--partitions` in batches of `--batch` records (what a fetch hands
 * over), applied to a fresh store with a commit every `--commit-every` rows, as the replica does
 * while catching up. Prints rows/s of wall time and per CPU-second of the process.
 *
 *   npx tsx development/bench/online-store-bench.ts [--entities=1000000] [--batch=5000]
 */
import { cardFeaturesView, rawAggSerde } from '@fp/card-transactions';
import { createLogger } from '@fp/log';
import { openOnlineStore, type TopicRecord } from '@fp/online-store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardFeatureRow } from './card-feature-row';
import { numberArg, printResult, result, round } from './bench-result';

const entities = numberArg('entities', 1_000_000);
const partitions = numberArg('partitions', 4);
const batchSize = numberArg('batch', 5_000);
const commitEvery = numberArg('commit-every', 200_000);

function batches(): { partition: number; records: TopicRecord[] }[] {
  const serde = rawAggSerde();
  const windowEndMs = Math.floor(Date.now() / 60_000) * 60_000;
  const byPartition: TopicRecord[][] = Array.from({ length: partitions }, () => []);
  for (let card = 1; card <= entities; card++) {
    const row = cardFeatureRow(card, windowEndMs);
    const records = byPartition[card % partitions] as TopicRecord[];
    records.push({ offset: String(records.length), timestampMs: windowEndMs - 1, value: serde.serialize(row) });
  }
  const out: { partition: number; records: TopicRecord[] }[] = [];
  for (let start = 0; ; start += batchSize) {
    let any = false;
    byPartition.forEach((records, partition) => {
      if (start < records.length) {
        any = true;
        out.push({ partition, records: records.slice(start, start + batchSize) });
      }
    });
    if (!any) return out;
  }
}

async function main(): Promise<void> {
  const work = batches();
  const stateDir = await mkdtemp(join(tmpdir(), 'online-store-bench-'));
  const store = await openOnlineStore({
    stateDir,
    views: [{ view: cardFeaturesView, serde: rawAggSerde() }],
    now: Date.now,
    log: createLogger({ name: 'online-store-bench', level: 'warn' }),
  });
  const view = store.views[0];
  if (view === undefined) throw new Error('no view');
  const cpuBefore = process.cpuUsage();
  const startedMs = performance.now();
  let commits = Promise.resolve();
  for (const { partition, records } of work) {
    await view.apply(partition, records);
    view.advance(partition, String(Number(records.at(-1)?.offset) + 1));
    if (view.dirtyCount >= commitEvery) {
      await commits;
      commits = view.commit();
    }
  }
  await commits;
  await view.commit();
  const seconds = (performance.now() - startedMs) / 1_000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await store.close();
  await rm(stateDir, { recursive: true, force: true });
  printResult(
    result('online-store-materialise', entities, seconds, {
      cpuSeconds: round(cpuSeconds, 2),
      rowsPerCpuSec: Math.round(entities / cpuSeconds),
      batch: batchSize,
      partitions,
    }),
  );
}

await main();
