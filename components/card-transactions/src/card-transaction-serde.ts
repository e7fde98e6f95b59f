import type { Serde } from '@fp/serdes';
import { CardTransactionsError } from './errors';
import { cardTransactionSchema, type CardTransaction, type SourceTransaction } from './source-transaction';

/**
 * Wraps the topic's `SourceTransaction` serde so that decoding also checks the fields the features
 * need: `cc_num` (the key), `datetime` (the event time) and `amount` are nullable in Avro, but a
 * transaction without them cannot be keyed, timed or averaged. Such a record fails to decode with
 * `CARD_TRANSACTIONS_UNUSABLE_TRANSACTION` (domain `data`), so the source's
 * `onDeserializationError` policy (fail, skip, dead-letter) decides, and the runtime counts it.
 * Encoding is the wrapped serde's, unchanged.
 *
 * @throws CardTransactionsError `CARD_TRANSACTIONS_UNUSABLE_TRANSACTION` on decode
 */
export function cardTransactionSerde(source: Serde<SourceTransaction>): Serde<CardTransaction> {
  const serde: Serde<CardTransaction> = {
    serialize: (transaction) => source.serialize(transaction),
    deserialize(bytes) {
      const decoded = source.deserialize(bytes);
      // The common case checked by hand, giving what the schema would (a plain object in field order).
      if (isUsable(decoded)) {
        return { tid: decoded.tid, datetime: decoded.datetime, cc_num: decoded.cc_num, amount: decoded.amount };
      }
      const checked = cardTransactionSchema.safeParse(decoded);
      if (!checked.success) {
        const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new CardTransactionsError(
          'CARD_TRANSACTIONS_UNUSABLE_TRANSACTION',
          `transaction ${JSON.stringify(decoded)} cannot be keyed, timed or aggregated: ${problems.join('; ')}`,
        );
      }
      return checked.data;
    },
  };
  if (source.prepare) {
    const prepare = source.prepare.bind(source);
    return { ...serde, prepare: (payloads) => prepare(payloads) };
  }
  return serde;
}

/** What `cardTransactionSchema` accepts, without building a parse result per record. */
function isUsable(decoded: SourceTransaction): decoded is CardTransaction {
  return (
    decoded !== null &&
    typeof decoded === 'object' &&
    (decoded.tid === null || typeof decoded.tid === 'string') &&
    Number.isSafeInteger(decoded.datetime) &&
    Number.isSafeInteger(decoded.cc_num) &&
    Number.isFinite(decoded.amount)
  );
}
