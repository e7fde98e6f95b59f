/**
 * @fp/feature-views: a feature topic described as data: its name, the entity key, the row schema
 * (one Avro declaration, with its zod form) and when a row becomes available in event time. The
 * online store, the archiver and training sets all read rows through a view, so they agree on what
 * an entity is and on when a feature may be used (never before its window could have fired).
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { availableAtMs, windowEndOf } from './availability';
export { entityKeyOf } from './entity-key';
export { FeatureViewsError, featureViewsErrorCodes } from './errors';
export { defineFeatureView, featureRowEncodings } from './feature-view';
export { plainRowSerde } from './row-serde';

export type { RowEmission } from './availability';
export type { FeatureViewsErrorCode } from './errors';
export type {
  AnyFeatureView,
  FeatureAvailability,
  FeatureRowEncoding,
  FeatureView,
  FeatureViewSpec,
} from './feature-view';
