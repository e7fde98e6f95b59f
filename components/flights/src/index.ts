/**
 * @fp/flights: the flight bookings of two airlines (SkyOne Airlines, topic `skyone`; Sunset Air,
 * topic `sunset`), their mapping to the shared `FlightData` record (topic `flightdata`), and the
 * flight-importer topology that merges them, keeping only flights that have not yet arrived.
 *
 * Every record has a zod schema (decode validation; unknown fields are dropped) and an Avro schema
 * kept in step with it. Times are ISO-8601 text with an optional offset; offset-less times are read
 * in a configured IANA zone (default UTC) by `createTimestampParser`. "Now" is always injected.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { FlightsError, flightsErrorCodes } from './errors';
export { flightDataAvro, flightDataSchema, flightSources } from './flight-data';
export { buildFlightImporterTopology, DEFAULT_FLIGHT_IMPORTER_TOPICS } from './flight-importer-topology';
export {
  flightDataKeyAvro,
  flightDataKeySchema,
  flightDataKeySerde,
  flightRefKeyAvro,
  flightRefKeySchema,
  flightRefKeySerde,
} from './flight-keys';
export { isArrivingAfter } from './is-arriving-after';
export { skyOneAirlinesFlightDataAvro, skyOneAirlinesFlightDataSchema } from './sky-one-airlines-flight-data';
export { sunsetAirFlightDataAvro, sunsetAirFlightDataSchema } from './sunset-air-flight-data';
export { createTimestampParser, DEFAULT_TIME_ZONE } from './timestamp-parser';
export { skyOneToFlightData, sunsetToFlightData } from './to-flight-data';

export type { FlightsErrorCode } from './errors';
export type { FlightData, FlightSource } from './flight-data';
export type { FlightImporterTopics, FlightImporterTopologyOptions } from './flight-importer-topology';
export type { FlightDataKey, FlightRefKey } from './flight-keys';
export type { SkyOneAirlinesFlightData } from './sky-one-airlines-flight-data';
export type { SunsetAirFlightData } from './sunset-air-flight-data';
export type { TimestampParser, TimestampParserOptions } from './timestamp-parser';
