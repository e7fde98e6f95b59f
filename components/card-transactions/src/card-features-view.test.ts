import { availableAtMs, entityKeyOf } from '@fp/feature-views';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import { buildCardFeaturesTopology } from './card-features-topology';
import { cardFeaturesView } from './card-features-view';
import { rawAggSerde, rawTransactionSerde } from './raw-serdes';
import type { TransactionAgg } from './transaction-agg';

const T0 = Date.UTC(2026, 0, 1);

describe('cardFeaturesView', () => {
  it('is keyed by cc_num as the pipeline keys its rows', () => {
    const row: TransactionAgg = {
      cc_num: 42,
      num_trans_per_10m: 1,
      avg_amt_per_10m: 1,
      stdev_amt_per_10m: 0,
      window_start: 0,
      window_end: 600_000,
    };
    expect(cardFeaturesView.topic).toBe('card_transactions_10m_agg');
    expect(entityKeyOf(cardFeaturesView, row)).toBe('42');
    expect(availableAtMs(cardFeaturesView, row, 599_999)).toBe(660_000);
    expect(availableAtMs(cardFeaturesView, { ...row, window_end: null }, 599_999)).toBe(660_000);
  });

  it('makes a row available exactly when the event time that fires its window is seen, never before', () => {
    const driver = createTestDriver(
      buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
    );
    // One transaction per card every 20 s for 30 minutes: after each one, every row written so far
    // must have been available at the latest event time seen (the moment it was written).
    let written = 0;
    for (let step = 0; step < 90; step++) {
      const eventTimeMs = T0 + step * 20_000;
      driver.pipe('credit_card_transactions', null, {
        tid: `t${step}`,
        datetime: eventTimeMs,
        cc_num: step % 3,
        amount: 1,
      });
      const rows = driver.output<string, TransactionAgg>('card_transactions_10m_agg');
      for (const { key, value, timestampMs } of rows.slice(written)) {
        expect(key).toBe(entityKeyOf(cardFeaturesView, value));
        const available = availableAtMs(cardFeaturesView, value, timestampMs);
        expect(available).toBeLessThanOrEqual(eventTimeMs);
        // Not a bound that is too lax: the event before this one could not have fired the window.
        expect(available).toBeGreaterThan(eventTimeMs - 20_000);
      }
      written = rows.length;
    }
    expect(written).toBeGreaterThan(40);
  });
});
