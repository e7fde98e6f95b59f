import {
  rawAggSerde,
  rawTransactionSerde,
  sourceTransactionAvroSchema,
  transactionAggAvroSchema,
  type SourceTransaction,
  type TransactionAgg,
} from '@fp/card-transactions';
import { registryAvroSerde, type SchemaRegistry } from '@fp/schema-registry';
import type { CardFeaturesWorkerConfig } from './config';
import type { CardSerdes } from './topology';

/**
 * The serdes the configured format needs. For `confluent`, both schemas are registered (or, with
 * `SCHEMA_AUTO_REGISTER=false`, looked up) now, so an incompatible or missing schema stops the
 * worker at start, naming the subject, rather than at the first record.
 */
export async function createCardSerdes(
  config: CardFeaturesWorkerConfig,
  registry: () => Pick<SchemaRegistry, 'register' | 'lookup' | 'fetchWriterSchema'>,
): Promise<CardSerdes> {
  if (config.format === 'raw') {
    return { transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() };
  }
  const client = registry();
  const { autoRegister } = config.schemaRegistry;
  const [transactionSerde, aggSerde] = await Promise.all([
    registryAvroSerde<SourceTransaction>({
      registry: client,
      topic: config.topics.transactions,
      readerSchema: sourceTransactionAvroSchema,
      autoRegister,
    }),
    registryAvroSerde<TransactionAgg>({
      registry: client,
      topic: config.topics.features,
      readerSchema: transactionAggAvroSchema,
      autoRegister,
    }),
  ]);
  return { transactionSerde, aggSerde };
}
