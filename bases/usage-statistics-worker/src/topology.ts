import type { Topology } from '@fp/topology';
import { buildUsageStatisticsTopology } from '@fp/usage-statistics';
import type { UsageStatisticsWorkerConfig } from './config';

/** `flightdata` -> `userstatistics`, per email over 1-minute windows, windowed or cumulative; pure. */
export function buildTopology(config: UsageStatisticsWorkerConfig): Topology {
  return buildUsageStatisticsTopology({
    mode: config.mode,
    timeZone: config.timeZone,
    topics: config.topics,
    onDeserializationError: config.worker.onBadRecord,
    // As Kafka Streams' application.id: the prefix of the internal topics, so two deployments never share them.
    name: config.worker.applicationId,
  });
}
