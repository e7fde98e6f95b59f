import { CardTransactionsError } from './errors';
import { cardTransactionSchema, type CardTransaction, type SourceTransaction } from './source-transaction';

/**
 * The transaction, if the features can be computed from it: `cc_num` (the key), `datetime` (the
 * event time) and `amount` are nullable in Avro, but a transaction without them cannot be keyed,
 * timed or averaged. Returns a plain object with the schema's fields, in its order.
 *
 * @throws CardTransactionsError `CARD_TRANSACTIONS_UNUSABLE_TRANSACTION` (domain `data`: the
 *         record is bad, and the source's bad-record policy decides)
 */
export function requireCardTransaction(transaction: SourceTransaction): CardTransaction {
  // The common case checked by hand, giving what the schema would, without a parse result per record.
  if (isUsable(transaction)) {
    return {
      tid: transaction.tid,
      datetime: transaction.datetime,
      cc_num: transaction.cc_num,
      amount: transaction.amount,
    };
  }
  const checked = cardTransactionSchema.safeParse(transaction);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new CardTransactionsError(
      'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION',
      `transaction ${JSON.stringify(transaction)} cannot be keyed, timed or aggregated: ${problems.join('; ')}`,
    );
  }
  return checked.data;
}

/** What `cardTransactionSchema` accepts. */
function isUsable(transaction: SourceTransaction): transaction is CardTransaction {
  return (
    transaction !== null &&
    typeof transaction === 'object' &&
    (transaction.tid === null || typeof transaction.tid === 'string') &&
    Number.isSafeInteger(transaction.datetime) &&
    Number.isSafeInteger(transaction.cc_num) &&
    Number.isFinite(transaction.amount)
  );
}
