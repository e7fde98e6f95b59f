import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as transactionDatagen from './index';

describe('@fp/transaction-datagen interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(transactionDatagen).sort()).toEqual([
      'DEFAULT_TRANSACTIONS_PER_SECOND',
      'MAX_CARD_NUMBER',
      'MAX_TID_N',
      'TransactionDatagenError',
      'backfillTransactions',
      'createTransactionGenerator',
      'mulberry32',
      'transactionDatagenErrorCodes',
      'transactionId',
    ]);
  });

  it('reproduces a live run and a backfill from their seeds', () => {
    const live = () => {
      const generator = transactionDatagen.createTransactionGenerator({ seed: 11, now: () => 1_000 });
      return [generator.next(), generator.next()];
    };
    expect(live()).toEqual(live());
    const backfill = () => [
      ...transactionDatagen.backfillTransactions({ seed: 11, count: 3, fromMs: 0, toMs: 60_000 }),
    ];
    expect(backfill()).toEqual(backfill());
    expect(backfill().map(({ datetime }) => datetime)).toEqual([0, 20_000, 40_000]);
  });

  it('computes tid as the lowercase hex SHA-256 of "type" + n', () => {
    // sha256("type1"), computed independently with `printf type1 | sha256sum`.
    expect(transactionDatagen.transactionId(1)).toBe(
      'ba5857c2e8a7c12df14097eaa5ffb1c97976b9d433fe63a65df84849c5eea0ec',
    );
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new transactionDatagen.TransactionDatagenError('TRANSACTION_DATAGEN_INVALID_OPTIONS', 'bad options', {
      cause,
    });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'TransactionDatagenError',
      code: 'TRANSACTION_DATAGEN_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
