/**
 * @fp/feature-catalog: the shipped pipelines' feature views by name, for the tools that take
 * view names (archiver, training sets).
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { featureViewsNamed, shippedFeatureViews } from './catalog';
export { FeatureCatalogError, featureCatalogErrorCodes } from './errors';

export type { FeatureCatalogErrorCode } from './errors';
