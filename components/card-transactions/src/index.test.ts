import { PipelineError } from '@fp/errors';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { describe, expect, it } from 'vitest';
import * as cardTransactions from './index';

describe('@fp/card-transactions interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(cardTransactions).sort()).toEqual([
      'CardTransactionsError',
      'TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS',
      'buildCardFeaturesTopology',
      'cardFeaturesView',
      'cardFeaturesWindow',
      'cardTransactionSchema',
      'cardTransactionsErrorCodes',
      'defaultCardFeaturesTopics',
      'rawAggSerde',
      'rawTransactionSerde',
      'sourceTransactionAvroSchema',
      'sourceTransactionSchema',
      'toTransactionAgg',
      'transactionAggAvroSchema',
      'transactionAggSchema',
      'transactionAggregator',
    ]);
  });

  it('computes 10 feature rows, keyed by card number as text, for one raw-Avro transaction', () => {
    const topology = cardTransactions.buildCardFeaturesTopology({
      transactionSerde: cardTransactions.rawTransactionSerde(),
      aggSerde: cardTransactions.rawAggSerde(),
    });
    const driver = createTestDriver(topology);
    driver.pipe('credit_card_transactions', null, { tid: 'a', datetime: 1_700_000_000_000, cc_num: 5, amount: 0.3 });
    driver.endInput();
    const rows = driver.output<string, cardTransactions.TransactionAgg>('card_transactions_10m_agg');
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map(({ key }) => key))).toEqual(new Set(['5']));
    expect(rows.every(({ value }) => value.num_trans_per_10m === 1 && value.stdev_amt_per_10m === 0)).toBe(true);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new cardTransactions.CardTransactionsError('CARD_TRANSACTIONS_INVALID_OPTIONS', 'bad options', {
      cause,
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'CardTransactionsError',
      code: 'CARD_TRANSACTIONS_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
    expect(
      new cardTransactions.CardTransactionsError('CARD_TRANSACTIONS_UNUSABLE_TRANSACTION', 'no cc_num'),
    ).toMatchObject({ domain: 'data' });
  });
});
