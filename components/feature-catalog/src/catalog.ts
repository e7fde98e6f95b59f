import { cardFeaturesView } from '@fp/card-transactions';
import type { AnyFeatureView } from '@fp/feature-views';
import { userStatisticsView } from '@fp/usage-statistics';
import { FeatureCatalogError } from './errors';

/** Every feature view the shipped pipelines write, by name. */
export const shippedFeatureViews: ReadonlyMap<string, AnyFeatureView> = new Map<string, AnyFeatureView>(
  [cardFeaturesView, userStatisticsView].map((view) => [view.name, view]),
);

/**
 * The views with these names, in the order given.
 *
 * @throws FeatureCatalogError `FEATURE_CATALOG_UNKNOWN_VIEW` naming every unknown name and the known ones
 */
export function featureViewsNamed(names: readonly string[]): AnyFeatureView[] {
  const unknown = names.filter((name) => !shippedFeatureViews.has(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new FeatureCatalogError(
      'FEATURE_CATALOG_UNKNOWN_VIEW',
      `${names.length === 0 ? 'no view named' : `unknown view(s) ${unknown.join(', ')}`}; the views are ${[...shippedFeatureViews.keys()].join(', ')}`,
    );
  }
  return names.map((name) => shippedFeatureViews.get(name)!);
}
