/**
 * @fp/card-features-worker: runs the card-transaction features (`credit_card_transactions` ->
 * `card_transactions_10m_agg`) on Kafka, streaming or bounded, reading and writing Confluent-framed
 * Avro through a Schema Registry (or raw Avro), with `/healthz`, `/readyz` and `/metrics`.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { createCardSerdes } from './card-serdes';
export { cardTransactionsFormats, configShape, loadConfig } from './config';
export { runCardFeaturesWorker } from './run-card-features-worker';
export { buildTopology } from './topology';
export type { CardFeaturesWorkerConfig, CardTransactionsFormat } from './config';
export type { RunOptions } from './run-card-features-worker';
export type { CardSerdes } from './topology';
