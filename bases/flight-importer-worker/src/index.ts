/**
 * @fp/flight-importer-worker: runs the flight importer (`skyone` + `sunset` -> `flightdata`) on
 * Kafka, streaming or bounded, with `/healthz`, `/readyz` and `/metrics`.
 *
 * Exported for tests and `development/` scripts; the process entry point is `main.ts`.
 */
export { configShape, loadConfig } from './config';
export { runFlightImporterWorker } from './run-flight-importer-worker';
export { buildTopology } from './topology';
export type { FlightImporterWorkerConfig } from './config';
export type { RunOptions } from './run-flight-importer-worker';
