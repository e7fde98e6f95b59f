/**
 * @fp/windowing: Event time for keyed streams: watermarks, tumbling, hopping and session windows, and aggregators.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { WindowingError, windowingErrorCodes } from './errors';
export type { WindowingErrorCode } from './errors';
