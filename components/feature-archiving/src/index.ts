/**
 * @fp/feature-archiving: archives feature topics into the offline store as a consumer group whose
 * offsets are committed only once the rows are durable in Parquet, so a crash neither loses nor
 * duplicates a row.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { backfillFromFiles } from './backfill-from-files';
export { startFeatureArchiver } from './feature-archiver';
export { FeatureArchivingError, featureArchivingErrorCodes } from './errors';

export type { ArchivedTopic, FeatureArchiver, FeatureArchiverCounts, FeatureArchiverOptions } from './feature-archiver';
export type { BackfillInput, FileBackfillOptions, FileBackfillSummary } from './backfill-from-files';
export type { FeatureArchivingErrorCode } from './errors';
