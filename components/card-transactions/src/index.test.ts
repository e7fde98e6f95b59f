import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as cardTransactions from './index';

describe('@fp/card-transactions interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(cardTransactions).sort()).toEqual(['CardTransactionsError', 'cardTransactionsErrorCodes']);
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
  });
});
