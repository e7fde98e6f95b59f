import { buildCardFeaturesTopology, type SourceTransaction, type TransactionAgg } from '@fp/card-transactions';
import type { Serde } from '@fp/serdes';
import type { Topology } from '@fp/topology';
import type { CardFeaturesWorkerConfig } from './config';

/** How transactions are read and features written: raw Avro, or Confluent-framed through a registry. */
export interface CardSerdes {
  readonly transactionSerde: Serde<SourceTransaction>;
  readonly aggSerde: Serde<TransactionAgg>;
}

/** `credit_card_transactions` -> `card_transactions_10m_agg`, 10-minute windows every minute per card; pure. */
export function buildTopology(config: CardFeaturesWorkerConfig, serdes: CardSerdes): Topology {
  return buildCardFeaturesTopology({
    ...serdes,
    topics: config.topics,
    ...(config.lateTopic === undefined ? {} : { lateTopic: config.lateTopic }),
    onDeserializationError: config.worker.onBadRecord,
    // As Kafka Streams' application.id: the prefix of the internal topics, so two deployments never share them.
    name: config.worker.applicationId,
  });
}
