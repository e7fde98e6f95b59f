/**
 * Card-transaction features (10-minute windows every minute, per card) over generated
 * transactions, two ways:
 * - `card-features-local`: `runLocal` with LevelDB state, from decoded transactions to decoded
 *   feature rows, as the embedded demo runs it; the transactions are generated as the run reads
 *   them (`generatorSeconds`, left out of `eventsPerSecWithoutGenerator`);
 * - `card-features-in-memory`: the `InProcessCluster` with in-memory stores, fed raw Avro bytes
 *   encoded beforehand (not timed), so the figure is the engine's own cost per event.
 *
 *   npx tsx development/bench/card-features-bench.ts [--variant=local|in-memory] [--events=5000000]
 *     [--hours=events/5M*24] [--partitions=6] [--store=memory|map] [--serialize-repartitions=false]
 *     [--batch=1000]
 */
import { buildCardFeaturesTopology, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import { createMemoryStore, type KeyedStore } from '@fp/keyed-state';
import { InProcessCluster, runLocal } from '@fp/stream-runtime';
import { type RawRecord } from '@fp/stream-runtime/internal';
import { MAX_CARD_NUMBER } from '@fp/transaction-datagen';
import { cardBenchTransactions, defaultCardBenchHours } from './card-bench-transactions';
import { createMapStore } from './map-store';
import { cpuSeconds, numberArg, printResult, result, round, seconds, stringArg } from './bench-result';
import { timedGeneration } from './timed-generation';

/** Records encoded ahead per chunk in the in-memory variant: bounded memory, little timer noise. */
const ENCODE_CHUNK = 50_000;

async function main(): Promise<void> {
  const variant = stringArg('variant', 'local');
  const events = numberArg('events', 5_000_000);
  // Same density whatever the count: 5,000,000 transactions a day (about 3.5 per card and minute).
  const hours = numberArg('hours', defaultCardBenchHours(events));
  const partitions = numberArg('partitions', 6);
  const storeKind = stringArg('store', 'memory');
  const serializeRepartitions = stringArg('serialize-repartitions', 'false') === 'true';
  // Records per `injectBatch`, as a fetch hands them over: watermark markers go once per batch.
  const batchRecords = numberArg('batch', 1_000);
  const transactions = cardBenchTransactions(events, hours);
  const topology = buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() });
  const common = { partitions, hours, cards: MAX_CARD_NUMBER };
  if (variant === 'local') {
    let featureRows = 0;
    const generated = timedGeneration(
      (function* () {
        for (const value of transactions) yield { value, timestampMs: value.datetime };
      })(),
    );
    const startedAtMs = performance.now();
    const startedCpu = process.cpuUsage();
    const run = await runLocal(topology, {
      inputs: { 'read-transactions': { records: generated.records } },
      partitions,
      // Counted as they come, not collected: 1.4M decoded rows would dominate the peak RSS.
      onOutput: () => {
        featureRows++;
      },
    });
    const runSeconds = seconds(startedAtMs);
    const generatorSeconds = generated.generatorSeconds();
    printResult(
      result('card-features-local', run.recordsRead, runSeconds, {
        cpuSeconds: cpuSeconds(startedCpu),
        // Transactions are generated during the run: `seconds` includes it, the figure below does not.
        generatorSeconds: round(generatorSeconds, 2),
        eventsPerSecWithoutGenerator: Math.round(run.recordsRead / (runSeconds - generatorSeconds)),
        ...common,
        featureRows,
        late: run.counters.lateRecords,
      }),
    );
    return;
  }
  if (variant !== 'in-memory') throw new Error(`--variant must be local or in-memory, got ${variant}`);

  let featureRows = 0;
  if (storeKind !== 'memory' && storeKind !== 'map') throw new Error(`--store must be memory or map, got ${storeKind}`);
  const stores: KeyedStore<unknown>[] = [];
  const cluster = new InProcessCluster({
    topology,
    partitions: () => partitions,
    store: () => {
      const store = storeKind === 'map' ? createMapStore() : createMemoryStore<unknown>();
      stores.push(store);
      return store;
    },
    serializeRepartitions,
    now: () => 0,
    onOutput: () => {
      featureRows++;
    },
  });
  await cluster.restore();
  const serde = rawTransactionSerde();
  const { topic } = defaultTopic();
  const chunk: RawRecord[] = [];
  let engineMs = 0;
  let injected = 0;
  let engineCpuSeconds = 0;
  const startedAtMs = performance.now();
  const flush = async (): Promise<void> => {
    const chunkStartMs = performance.now();
    const chunkCpu = process.cpuUsage();
    for (let from = 0; from < chunk.length; from += batchRecords) {
      cluster.injectBatch(chunk.slice(from, from + batchRecords));
    }
    injected += chunk.length;
    // A checkpoint per chunk, as runLocal takes them: the memory store's overlay stays bounded.
    for (const store of stores) await store.commit({ recordsRead: String(injected) });
    engineMs += performance.now() - chunkStartMs;
    engineCpuSeconds += cpuSeconds(chunkCpu);
    chunk.length = 0;
  };
  let offset = 0;
  for (const transaction of transactions) {
    // Round robin over the partitions, as a producer without keys spreads them.
    const partition = offset % partitions;
    chunk.push({
      topic,
      partition,
      offset: String(Math.floor(offset++ / partitions)),
      key: null,
      value: serde.serialize(transaction),
      timestampMs: transaction.datetime,
    });
    if (chunk.length === ENCODE_CHUNK) await flush();
  }
  await flush();
  const endStartMs = performance.now();
  const endCpu = process.cpuUsage();
  cluster.endOfInput();
  engineMs += performance.now() - endStartMs;
  engineCpuSeconds += cpuSeconds(endCpu);
  printResult(
    result(`card-features-in-memory-${storeKind}`, injected, engineMs / 1000, {
      cpuSeconds: Math.round(engineCpuSeconds * 100) / 100,
      ...common,
      serializeRepartitions,
      batchRecords,
      featureRows,
      late: cluster.counters().lateRecords,
      wallSeconds: Math.round(seconds(startedAtMs) * 100) / 100,
    }),
  );
}

function defaultTopic(): { topic: string } {
  return { topic: 'credit_card_transactions' };
}

main().catch((error: unknown) => {
  console.error('card-features bench failed:', error);
  process.exitCode = 1;
});
