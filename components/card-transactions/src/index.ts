/**
 * @fp/card-transactions: Hopsworks' card-transaction features. Per card (`cc_num`), over
 * 10-minute windows advancing every minute (epoch aligned, event time = `datetime`, 60 s
 * out-of-orderness, no allowed lateness): the number of transactions, the mean amount and the
 * SAMPLE standard deviation of the amounts (Welford; 0 for one transaction).
 *
 * The records (`SourceTransaction` in, `TransactionAgg` out) are declared twice, as Avro and as
 * zod, kept in step by a test. `buildCardFeaturesTopology` takes its serdes from the caller, who
 * picks raw Avro (`rawTransactionSerde()`, `rawAggSerde()`) or Confluent-framed Avro with a
 * registry. Late transactions are counted and routed, never dropped silently; transactions without
 * `cc_num`, `datetime` or `amount` are data errors (step `check-transaction`, or the source's event
 * time for `datetime`) that follow the source's bad-record policy.
 */
export {
  buildCardFeaturesTopology,
  cardFeaturesWindow,
  defaultCardFeaturesTopics,
  TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS,
} from './card-features-topology';
export { cardFeaturesView } from './card-features-view';
export { cardTransactionSchema, sourceTransactionAvroSchema, sourceTransactionSchema } from './source-transaction';
export { CardTransactionsError, cardTransactionsErrorCodes } from './errors';
export { rawAggSerde, rawTransactionSerde } from './raw-serdes';
export { toTransactionAgg, transactionAggAvroSchema, transactionAggSchema } from './transaction-agg';
export { transactionAggregator } from './transaction-aggregator';

export type { CardFeaturesTopologyOptions } from './card-features-topology';
export type { CardTransaction, SourceTransaction } from './source-transaction';
export type { CardTransactionsErrorCode } from './errors';
export type { TransactionAgg } from './transaction-agg';
export type { TransactionStats } from './transaction-aggregator';
