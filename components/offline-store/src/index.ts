/**
 * @fp/offline-store: the offline feature store. Feature rows of each view kept as Hive-partitioned
 * Parquet (`view=<name>/date=<YYYY-MM-DD>`), each with its Kafka coordinates, record timestamp,
 * event time and availability; appends that a crash at any moment neither loses nor duplicates;
 * point-in-time training sets (DuckDB `ASOF JOIN`) that never use a feature from a label's future.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { OfflineStoreError, offlineStoreErrorCodes } from './errors';
export { openOfflineStore } from './offline-store';
export { buildTrainingSet } from './training-set';
export { parseDurationMs } from './duration';
export { readTableFile, writeTableFile } from './table-file';
export { offlineColumns, parsePartFileName, viewDirectory, viewGlob } from './store-layout';

export type { OfflineStoreErrorCode } from './errors';
export type { OfflineStore, OfflineStoreOptions } from './offline-store';
export type { AppendBatch, AppendResult, ViewArchive } from './view-archive';
export type { ArchivedRow, RecordCoordinates } from './archived-row';
export type { TrainingSetOptions, TrainingSetSummary } from './training-set';
export type { PartFile } from './store-layout';
