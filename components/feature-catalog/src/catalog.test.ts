import { describe, expect, it } from 'vitest';
import { featureViewsNamed, shippedFeatureViews } from './catalog';
import { FeatureCatalogError } from './errors';

describe('feature catalog', () => {
  it('holds the shipped pipelines’ views by name', () => {
    expect([...shippedFeatureViews.keys()]).toEqual(['card_transactions_10m_agg', 'userstatistics']);
    expect(featureViewsNamed(['userstatistics', 'card_transactions_10m_agg']).map((view) => view.topic)).toEqual([
      'userstatistics',
      'card_transactions_10m_agg',
    ]);
  });

  it('names every unknown view and the known ones', () => {
    expect(() => featureViewsNamed(['cards', 'users'])).toThrow(FeatureCatalogError);
    expect(() => featureViewsNamed(['cards', 'users'])).toThrow(
      'unknown view(s) cards, users; the views are card_transactions_10m_agg, userstatistics',
    );
    expect(() => featureViewsNamed([])).toThrow('no view named');
  });
});
