/**
 * @fp/stream-runtime: Runs topologies: tasks, operators, checkpoints; and an in-process test driver and bounded local runner.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { StreamRuntimeError, streamRuntimeErrorCodes } from './errors';
export type { StreamRuntimeErrorCode } from './errors';
