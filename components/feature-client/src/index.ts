/**
 * @fp/feature-client: Typed TypeScript client of the feature lookup API.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { FeatureClientError, featureClientErrorCodes } from './errors';
export type { FeatureClientErrorCode } from './errors';
