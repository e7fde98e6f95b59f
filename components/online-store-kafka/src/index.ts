/**
 * @fp/online-store-kafka: keeps an online store a full replica of its feature topics. It reads
 * every partition of each view's topic (no consumer group shares the work), resumes from the
 * positions the store committed with its rows, reports lag and whether it has caught up with the
 * end offsets seen at start (readiness).
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { OnlineStoreKafkaError, onlineStoreKafkaErrorCodes } from './errors';
export {
  DEFAULT_COMMIT_INTERVAL_MS,
  DEFAULT_MAX_UNCOMMITTED_ROWS,
  startOnlineStoreReplica,
} from './online-store-replica';

export type { OnlineStoreKafkaErrorCode } from './errors';
export type { OnlineStoreReplica, OnlineStoreReplicaOptions } from './online-store-replica';
export type { PartitionProgress } from './partition-progress';
