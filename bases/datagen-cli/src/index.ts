/**
 * @fp/datagen-cli: writes generated flight bookings (`skyone`, `sunset`, JSON) or card
 * transactions (`credit_card_transactions`, Confluent-framed or raw Avro) to Kafka, seeded, live at
 * a rate or as a bounded backfill over a past time range with progress logs.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export {
  configShape,
  DEFAULT_BACKFILL_COUNT,
  DEFAULT_BACKFILL_SPAN_MS,
  DEFAULT_FLIGHTS_PER_SECOND,
  DEFAULT_SEED,
  loadConfig,
  USAGE,
} from './config';
export { LIVE_TICK_MS, MAX_PENDING_RECORDS, produce } from './produce';
export { flightFeed, transactionFeed } from './record-feeds';
export { recreateTopics } from './recreate-topics';
export { runDatagen } from './run-datagen';
export type { DatagenConfig, GeneratorName } from './config';
export type { ProduceOptions, ProduceSummary } from './produce';
export type { RecordFeed } from './record-feeds';
export type { RunDatagenOptions } from './run-datagen';
