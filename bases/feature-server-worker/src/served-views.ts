import { cardFeaturesView } from '@fp/card-transactions';
import type { FeatureView } from '@fp/feature-views';
import { userStatisticsView } from '@fp/usage-statistics';

/** The feature views this server can materialise: the shipped pipelines' outputs, by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each view has its own row type
export const servableViews: readonly FeatureView<any>[] = [cardFeaturesView, userStatisticsView];

/** The environment-variable stem of a view: `card_transactions_10m_agg` -> `CARD_TRANSACTIONS_10M_AGG`. */
export function variableStem(viewName: string): string {
  return viewName.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
