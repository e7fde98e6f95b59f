import { avroSerde, type Serde } from '@fp/serdes';
import { sourceTransactionAvroSchema, type SourceTransaction } from './source-transaction';
import { transactionAggAvroSchema, type TransactionAgg } from './transaction-agg';

/**
 * Raw Avro (no Confluent header, no registry) `SourceTransaction`: what Hopsworks' simulator
 * writes. For tests, local runs and topics written the original way; the base picks the
 * Confluent-framed serde when a registry is configured.
 */
export function rawTransactionSerde(): Serde<SourceTransaction> {
  return avroSerde<SourceTransaction>(sourceTransactionAvroSchema);
}

/** Raw Avro `TransactionAgg`, for tests and local runs. */
export function rawAggSerde(): Serde<TransactionAgg> {
  return avroSerde<TransactionAgg>(transactionAggAvroSchema);
}
