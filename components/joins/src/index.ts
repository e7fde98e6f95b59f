/**
 * @fp/joins: Stream-stream interval and window joins and point-in-time stream-table joins, as state-agnostic engines.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { JoinsError, joinsErrorCodes } from './errors';
export type { JoinsErrorCode } from './errors';
