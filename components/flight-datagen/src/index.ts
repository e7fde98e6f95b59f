/**
 * @fp/flight-datagen: Seeded generators of skyone and sunset flight records.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { FlightDatagenError, flightDatagenErrorCodes } from './errors';
export type { FlightDatagenErrorCode } from './errors';
