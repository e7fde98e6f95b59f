/**
 * @fp/online-store: materialises feature views into LevelDB, the latest row per entity with its
 * Kafka coordinates (partition, offset), event time, availability and write time.
 *
 * Rows are decoded and applied a partition batch at a time (one LevelDB read per batch), kept in
 * memory until `commit()`, which writes them with the read positions in one atomic batch, so a
 * restart resumes exactly where the stored rows end. Lookups are synchronous (`get`) or one
 * LevelDB round trip for many keys (`getMany`). Stores may be far larger than memory.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { OnlineStoreError, onlineStoreErrorCodes } from './errors';
export { openOnlineStore } from './online-store';
export { openViewStore } from './view-store';
export { replacesLatest, storedRowCodec } from './stored-row';

export type { OnlineStoreErrorCode } from './errors';
export type { MaterialisedView, OnlineStore, OnlineStoreOptions } from './online-store';
export type { StoredRow } from './stored-row';
export type { TopicRecord, ViewStore, ViewStoreOptions, ViewStoreStats } from './view-store';
