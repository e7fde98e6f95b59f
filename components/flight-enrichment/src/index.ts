/**
 * @fp/flight-enrichment: flights enriched point in time with their user's statistics
 * (`flightdata` x table `userstatistics` -> `flightdata_enriched`): each flight plus the user's
 * `total_flight_duration` and `number_of_flights` as they were at the flight's event time.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { enrichFlight } from './enrich-flight';
export { enrichedFlightDataAvro, enrichedFlightDataSchema } from './enriched-flight-data';
export { FlightEnrichmentError, flightEnrichmentErrorCodes } from './errors';
export {
  buildFlightEnrichmentTopology,
  DEFAULT_FLIGHT_ENRICHMENT_RETENTION_MS,
  DEFAULT_FLIGHT_ENRICHMENT_TOPICS,
} from './flight-enrichment-topology';

export type { EnrichedFlightData } from './enriched-flight-data';
export type { FlightEnrichmentErrorCode } from './errors';
export type { FlightEnrichmentTopics, FlightEnrichmentTopologyOptions } from './flight-enrichment-topology';
