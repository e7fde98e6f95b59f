import { defineFeatureView, type FeatureView } from '@fp/feature-views';
import {
  defaultCardFeaturesTopics,
  TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS,
  cardFeaturesWindow,
} from './card-features-topology';
import { transactionAggAvroSchema, transactionAggSchema, type TransactionAgg } from './transaction-agg';

/**
 * The card features as a feature view: the latest `TransactionAgg` per `cc_num`, each row usable
 * from its window's end plus the 60 s out-of-orderness bound (when its window can first fire).
 * Rows written without window bounds (older writers) take the end from the record timestamp,
 * which the pipeline sets to `window_end - 1`.
 */
export const cardFeaturesView: FeatureView<TransactionAgg> = defineFeatureView<TransactionAgg>({
  name: 'card_transactions_10m_agg',
  topic: defaultCardFeaturesTopics.features,
  entityKey: ['cc_num'],
  avroSchema: transactionAggAvroSchema,
  rowSchema: transactionAggSchema,
  encoding: 'avro',
  availability: {
    kind: 'window',
    windowEndMs: (row, recordTimestampMs) => row.window_end ?? recordTimestampMs + 1,
    outOfOrdernessMs: TRANSACTIONS_MAX_OUT_OF_ORDERNESS_MS,
    allowedLatenessMs: cardFeaturesWindow.allowedLatenessMs,
  },
  description:
    'Per card: number, mean and sample standard deviation of amounts over 10-minute windows advancing every minute.',
});
