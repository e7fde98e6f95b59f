import type { BadRecordPolicy } from '@fp/errors';
import { bytesSerde, numberSerde, stringSerde, type Serde } from '@fp/serdes';
import { createTopology, type Topology } from '@fp/topology';
import { hopping, type HoppingSpec } from '@fp/windowing';
import { CardTransactionsError } from './errors';
import { repartitionTransactionSerde } from './repartition-transaction-serde';
import { requireCardTransaction } from './require-card-transaction';
import type { CardTransaction, SourceTransaction } from './source-transaction';
import { toTransactionAgg, type TransactionAgg } from './transaction-agg';
import { transactionAggregator } from './transaction-aggregator';

/** Hopsworks' simulator writes transactions up to about a minute out of order (Flink job: 60 s). */
export const TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS = 60_000;
const TEN_MINUTES_MS = 600_000;
const ONE_MINUTE_MS = 60_000;

/**
 * 10-minute windows advancing every minute, epoch aligned, no allowed lateness: every transaction
 * is in 10 windows, and a window fires once, when the watermark reaches `endMs - 1`.
 */
export const cardFeaturesWindow: HoppingSpec = hopping({
  sizeMs: TEN_MINUTES_MS,
  advanceMs: ONE_MINUTE_MS,
  allowedLatenessMs: 0,
});

export const defaultCardFeaturesTopics = Object.freeze({
  transactions: 'credit_card_transactions',
  features: 'card_transactions_10m_agg',
});

/** Names the internal topics: `<name>-key-by-card-repartition`, `<name>-transactions-10m-changelog`. */
const DEFAULT_TOPOLOGY_NAME = 'card-transactions-10m-agg';
/** How re-keyed transactions travel through the `key-by-card` repartition topic. */
const REPARTITION_VALUE_SERDE = repartitionTransactionSerde();

export interface CardFeaturesTopologyOptions {
  /** Decodes `SourceTransaction` values: raw Avro (`rawTransactionSerde()`) or Confluent-framed Avro. */
  readonly transactionSerde: Serde<SourceTransaction>;
  /** Encodes `TransactionAgg` values: raw Avro (`rawAggSerde()`) or Confluent-framed Avro. */
  readonly aggSerde: Serde<TransactionAgg>;
  /** Default `defaultCardFeaturesTopics`. */
  readonly topics?: { readonly transactions: string; readonly features: string };
  /** When set, transactions too late for all their windows are also written there (key `cc_num` as text). */
  readonly lateTopic?: string;
  /** What happens to undecodable or unusable transactions; default `fail`. */
  readonly onDeserializationError?: BadRecordPolicy;
  /** A transactions partition without records for this long stops holding the watermark back. */
  readonly idleTimeoutMs?: number;
  /** Topology name, which names the internal topics; default `card-transactions-10m-agg`. */
  readonly name?: string;
}

/**
 * Hopsworks' card-transaction features: per card, over 10-minute windows advancing every minute,
 * the number of transactions, the mean amount and the sample standard deviation of the amounts.
 *
 * - Event time is the `datetime` field; watermark `max seen - 60000 - 1` per input partition.
 * - Transactions have no Kafka key: they are re-keyed by `cc_num` through the repartition topic
 *   `<name>-key-by-card-repartition` (key `cc_num` as decimal text).
 * - One `TransactionAgg` per non-empty (card, window), written when the window fires, keyed by
 *   `cc_num` as decimal text (`"42"`), for a compacted topic where the last window per card wins.
 * - A transaction late for all its windows is counted by the runtime, reported on the
 *   `transactions-10m` step's late output and, with `lateTopic`, written there; never dropped
 *   silently.
 * - A transaction without `cc_num`, `datetime` or `amount` is rejected
 *   (`CARD_TRANSACTIONS_UNUSABLE_TRANSACTION`, domain `data`): by the source's event time for
 *   `datetime`, by step `check-transaction` for the others; it follows `onDeserializationError`.
 *
 * @throws CardTransactionsError `CARD_TRANSACTIONS_INVALID_OPTIONS` for a missing serde or an empty topic name
 * @example
 * const topology = buildCardFeaturesTopology({
 *   transactionSerde: rawTransactionSerde(),
 *   aggSerde: rawAggSerde(),
 *   onDeserializationError: 'dead-letter',
 * });
 */
export function buildCardFeaturesTopology(options: CardFeaturesTopologyOptions): Topology {
  const topics = options.topics ?? defaultCardFeaturesTopics;
  requireOptions(options, topics);
  const topology = createTopology(options.name ?? DEFAULT_TOPOLOGY_NAME);

  const windows = topology
    .stream('read-transactions', {
      topic: topics.transactions,
      // The original producer writes no key; whatever a producer puts there is ignored.
      key: bytesSerde,
      value: options.transactionSerde,
      timestamp: (transaction) => eventTimeOf(transaction),
      watermark: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS },
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
      ...(options.onDeserializationError === undefined
        ? {}
        : { onDeserializationError: options.onDeserializationError }),
    })
    .mapValues('check-transaction', requireCardTransaction)
    .selectKey('key-by-card', (_key, transaction) => transaction.cc_num)
    // A compact binary form between the tasks: v8 serialization of each re-keyed transaction cost
    // about half the engine's time in the in-process bench with serialized repartitions
    // (`card-features-bench.ts`); the format is in repartition-transaction-serde.ts.
    .groupByKey({ key: numberSerde, value: REPARTITION_VALUE_SERDE })
    .windowedBy(cardFeaturesWindow)
    .aggregate('transactions-10m', transactionAggregator());

  windows
    .toStream()
    .map('to-feature-row', (windowed, stats) => ({
      key: String(windowed.key),
      value: toTransactionAgg(windowed.key, windowed.window, stats),
    }))
    .to('write-features', { topic: topics.features, key: stringSerde, value: options.aggSerde });

  if (options.lateTopic !== undefined) {
    windows.late().to('write-late-transactions', {
      topic: options.lateTopic,
      key: numberSerde,
      // A sink only serializes, and every CardTransaction is a SourceTransaction.
      value: options.transactionSerde as Serde<CardTransaction>,
    });
  }
  return topology;
}

/**
 * A transaction's `datetime`. A tombstone (null value) or a transaction without a whole-ms
 * `datetime` has no event time: a data error, not a crash.
 */
function eventTimeOf(transaction: SourceTransaction | null): number {
  if (transaction === null) {
    throw new CardTransactionsError(
      'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION',
      'a record without a value (tombstone) is not a transaction',
    );
  }
  const { datetime } = transaction;
  if (datetime === null || !Number.isSafeInteger(datetime)) {
    throw new CardTransactionsError(
      'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION',
      `transaction ${JSON.stringify(transaction)} cannot be timed: datetime ${String(datetime)} is not a whole number of epoch ms`,
    );
  }
  return datetime;
}

function requireOptions(
  options: CardFeaturesTopologyOptions,
  topics: { readonly transactions: string; readonly features: string },
): void {
  const problems: string[] = [];
  for (const name of ['transactionSerde', 'aggSerde'] as const) {
    const serde = options[name] as Serde<unknown> | undefined;
    if (typeof serde?.serialize !== 'function' || typeof serde.deserialize !== 'function') {
      problems.push(
        `${name} must be a Serde (e.g. ${name === 'aggSerde' ? 'rawAggSerde()' : 'rawTransactionSerde()'})`,
      );
    }
  }
  const named = {
    'topics.transactions': topics.transactions,
    'topics.features': topics.features,
    lateTopic: options.lateTopic,
  };
  for (const [name, topic] of Object.entries(named)) {
    if (topic !== undefined && (typeof topic !== 'string' || topic.trim() === '')) {
      problems.push(`${name} must be a non-empty topic name, got ${JSON.stringify(topic)}`);
    }
  }
  if (problems.length > 0) {
    throw new CardTransactionsError(
      'CARD_TRANSACTIONS_INVALID_OPTIONS',
      `buildCardFeaturesTopology: ${problems.join('; ')}`,
    );
  }
}
