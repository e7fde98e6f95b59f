/**
 * @fp/sample-transformations: Small example transformations for data scientists to copy, tested from JSON tables.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { SampleTransformationsError, sampleTransformationsErrorCodes } from './errors';
export type { SampleTransformationsErrorCode } from './errors';
