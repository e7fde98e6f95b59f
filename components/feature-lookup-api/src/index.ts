/**
 * @fp/feature-lookup-api: the online store's HTTP lookup API (Fastify): the latest row of one
 * entity with its `as_of` (partition, offset, event time, availability, write time, freshness),
 * batches of up to 1,000 entities in request order, `/healthz`, `/readyz` (once the store caught
 * up with the end offsets seen at start) and Prometheus `/metrics` (lookup latency, view lag and
 * freshness).
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { FeatureLookupApiError, featureLookupApiErrorCodes } from './errors';
export { createLookupApi, MAX_KEY_LENGTH, MAX_LOOKUP_KEYS } from './lookup-api';
export { serveLookupApi } from './serve-lookup-api';

export type { FeatureLookupApiErrorCode } from './errors';
export type { LookupApiOptions } from './lookup-api';
export type { ViewPartitionLag } from './lookup-metrics';
export type { LookupServer } from './serve-lookup-api';
