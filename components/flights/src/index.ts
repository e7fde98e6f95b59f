/**
 * @fp/flights: Flight records of the skyone and sunset airlines, their mapping to FlightData, and the flight-importer topology.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { FlightsError, flightsErrorCodes } from './errors';
export type { FlightsErrorCode } from './errors';
