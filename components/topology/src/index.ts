/**
 * @fp/topology: The pipeline DSL: a topology is a value built by pure code, described as text and JSON.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { TopologyError, topologyErrorCodes } from './errors';
export type { TopologyErrorCode } from './errors';
