/**
 * @fp/keyed-state: Keyed state stores for stream tasks: in-memory and LevelDB backends with a write cache, atomic checkpoints and changelog snapshots.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { KeyedStateError, keyedStateErrorCodes } from './errors';
export type { KeyedStateErrorCode } from './errors';
