import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as transactionDatagen from './index';

describe('@fp/transaction-datagen interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(transactionDatagen).sort()).toEqual(['TransactionDatagenError', 'transactionDatagenErrorCodes']);
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
