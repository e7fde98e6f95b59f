/**
 * @fp/feature-client: a typed TypeScript client of the feature lookup API
 * (`@fp/feature-lookup-api`): `getOnlineFeatures(view, key)` and `lookup(view, keys)` with rows
 * typed by view, and one error class whose codes say what went wrong (unknown view, bad request,
 * server unavailable, unexpected answer).
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { FeatureClientError, featureClientErrorCodes } from './errors';
export { createFeatureClient } from './feature-client';

export type { FeatureClientErrorCode } from './errors';
export type { AsOf, FeatureClient, FeatureClientOptions, OnlineFeatures, ViewRows } from './feature-client';
