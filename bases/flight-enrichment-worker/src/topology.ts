import { buildFlightEnrichmentTopology } from '@fp/flight-enrichment';
import type { Topology } from '@fp/topology';
import type { FlightEnrichmentWorkerConfig } from './config';

/** `flightdata` x table `userstatistics` -> `flightdata_enriched`, point in time; pure. */
export function buildTopology(config: FlightEnrichmentWorkerConfig): Topology {
  return buildFlightEnrichmentTopology({
    topics: config.topics,
    retentionMs: config.retentionMs,
    ...(config.repartitionPartitions === undefined ? {} : { partitions: config.repartitionPartitions }),
    onDeserializationError: config.worker.onBadRecord,
    // As Kafka Streams' application.id: the prefix of the internal topics, so two deployments never share them.
    name: config.worker.applicationId,
  });
}
