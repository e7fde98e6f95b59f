/**
 * @fp/flight-enrichment-worker: runs flight enrichment (`flightdata` x table `userstatistics` ->
 * `flightdata_enriched`, each flight with its user's statistics as of the flight's event time) on
 * Kafka, streaming or bounded, with `/healthz`, `/readyz` and `/metrics`.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { configShape, loadConfig } from './config';
export { runFlightEnrichmentWorker } from './run-flight-enrichment-worker';
export { buildTopology } from './topology';
export type { FlightEnrichmentWorkerConfig } from './config';
export type { RunOptions } from './run-flight-enrichment-worker';
