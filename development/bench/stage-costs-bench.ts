/**
 * What each stage of the card-features pipeline costs per event on its own, in nanoseconds, over
 * the same transactions as `card-features-bench.ts` (same seed and density: 999 cards, about 3.5
 * transactions per card and minute, 10-minute windows every minute). The transactions are encoded
 * `--batch` at a time (not timed), as a fetch hands them over; then the stages run one after the
 * other over the batch, each timed alone (with the garbage collection it triggers):
 *
 * - `decode`: raw Avro bytes to a transaction (`rawTransactionSerde`), the source's serde;
 * - `windowAdd`: `createWindowedAggregation(...).add` per transaction, on a plain `Map` store;
 * - `windowFire`: `advanceWatermark` once per batch (firing, merging slices, expiry);
 * - `emit`: each fired window to its feature row and key, and both serialized (raw Avro, UTF-8).
 *
 * `sumNsPerEvent` is their total: what an engine that did nothing but these stages would cost. The
 * in-process cluster (`card-features-in-memory-map`) adds routing, re-keying, watermarks and
 * outputs on top. At 1,000,000 events/s an event has 1,000 ns in all. Steady state only: the
 * windows still open when the input ends are not fired.
 *
 *   npx tsx development/bench/stage-costs-bench.ts [--events=2000000] [--batch=1000]
 */
import {
  cardFeaturesWindow,
  rawAggSerde,
  rawTransactionSerde,
  toTransactionAgg,
  transactionAggregator,
  TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS,
  type CardTransaction,
  type TransactionAgg,
  type TransactionStats,
} from '@fp/card-transactions';
import { stringSerde, type Serde } from '@fp/serdes';
import { MAX_CARD_NUMBER } from '@fp/transaction-datagen';
import { createWindowedAggregation, type Fired } from '@fp/windowing/internal';
import { cardBenchTransactions } from './card-bench-transactions';
import { createMapStore } from './map-store';
import { numberArg, printResult, result, round } from './bench-result';

const NS_PER_MS = 1e6;
/** The budget of one event at the in-process target of 1,000,000 events/s. */
const TARGET_NS_PER_EVENT = 1_000;

type Stage = 'decode' | 'windowAdd' | 'windowFire' | 'emit';

function main(): void {
  const events = numberArg('events', 2_000_000);
  const batchRecords = numberArg('batch', 1_000);
  const transactions = cardBenchTransactions(events);
  const transactionSerde = rawTransactionSerde();
  const aggSerde = rawAggSerde();
  const windows = createWindowedAggregation({
    spec: cardFeaturesWindow,
    aggregator: transactionAggregator(),
    store: createMapStore(),
  });
  // One state-key string per card, made once, as the runtime's key cache hands them out.
  const stateKeys = Array.from({ length: MAX_CARD_NUMBER + 1 }, (_, card) => `card-${card}`);
  const spentMs: Record<Stage, number> = { decode: 0, windowAdd: 0, windowFire: 0, emit: 0 };
  const timed = <T>(stage: Stage, run: () => T): T => {
    const startedAtMs = performance.now();
    const value = run();
    spentMs[stage] += performance.now() - startedAtMs;
    return value;
  };
  let maxSeenMs = Number.NEGATIVE_INFINITY;
  let firedWindows = 0;
  let outputBytes = 0;
  let done = 0;
  while (done < events) {
    const encoded: Buffer[] = [];
    for (let next = transactions.next(); ; next = transactions.next()) {
      if (next.done) break;
      encoded.push(transactionSerde.serialize(next.value));
      if (encoded.length === batchRecords) break;
    }
    if (encoded.length === 0) break;
    const batch = timed('decode', () => encoded.map((bytes) => transactionSerde.deserialize(bytes) as CardTransaction));
    timed('windowAdd', () => {
      for (const transaction of batch) {
        windows.add(stateKeys[transaction.cc_num] as string, transaction.datetime, transaction);
        if (transaction.datetime > maxSeenMs) maxSeenMs = transaction.datetime;
      }
    });
    const fired = timed('windowFire', () =>
      windows.advanceWatermark(maxSeenMs - TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS - 1),
    );
    firedWindows += fired.length;
    outputBytes += timed('emit', () => emit(fired, aggSerde));
    done += batch.length;
  }
  const sumMs = spentMs.decode + spentMs.windowAdd + spentMs.windowFire + spentMs.emit;
  const nsPerEvent = (ms: number): number => round((ms * NS_PER_MS) / done, 0);
  printResult(
    result('card-features-stage-costs', done, sumMs / 1000, {
      decodeNsPerEvent: nsPerEvent(spentMs.decode),
      windowAddNsPerEvent: nsPerEvent(spentMs.windowAdd),
      windowFireNsPerEvent: nsPerEvent(spentMs.windowFire),
      emitNsPerEvent: nsPerEvent(spentMs.emit),
      sumNsPerEvent: nsPerEvent(sumMs),
      targetNsPerEvent: TARGET_NS_PER_EVENT,
      firedWindows,
      windowFireNsPerWindow: round((spentMs.windowFire * NS_PER_MS) / Math.max(1, firedWindows), 0),
      emitNsPerWindow: round((spentMs.emit * NS_PER_MS) / Math.max(1, firedWindows), 0),
      outputBytes,
    }),
  );
}

/** The `to-feature-row` map and the sink's serializers of the card-features topology. */
function emit(fired: readonly Fired<TransactionStats>[], aggSerde: Serde<TransactionAgg>): number {
  let bytes = 0;
  for (const { key, window, result: stats } of fired) {
    const ccNum = Number(key.slice('card-'.length));
    bytes += aggSerde.serialize(toTransactionAgg(ccNum, window, stats)).length;
    bytes += stringSerde.serialize(String(ccNum)).length;
  }
  return bytes;
}

main();
