/**
 * @fp/dead-letters: Dead-letter handling: decode policies (fail, skip, dead-letter) and a publisher that writes bad records with their coordinates and error headers.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { DeadLettersError, deadLettersErrorCodes } from './errors';
export type { DeadLettersErrorCode } from './errors';
