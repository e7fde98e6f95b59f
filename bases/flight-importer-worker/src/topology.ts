import { buildFlightImporterTopology } from '@fp/flights';
import type { Topology } from '@fp/topology';
import type { FlightImporterWorkerConfig } from './config';

/** `skyone` + `sunset` -> `flightdata`, keeping flights that arrive after `now()`; pure. */
export function buildTopology(config: FlightImporterWorkerConfig, now: () => number): Topology {
  return buildFlightImporterTopology({
    now,
    timeZone: config.timeZone,
    topics: config.topics,
    onDeserializationError: config.worker.onBadRecord,
    // As Kafka Streams' application.id: the prefix of the internal topics, so two deployments never share them.
    name: config.worker.applicationId,
  });
}
