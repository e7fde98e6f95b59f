/**
 * @fp/flight-datagen: seeded generators of SkyOne and Sunset flight bookings, as the course's
 * Python producer makes them (PIPELINES.md section 4), for the `skyone` and `sunset` topics.
 * The same seed and clock readings give the same records; the clock is injected.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { AIRPORT_CODES } from './airport-codes';
export { FlightDatagenError, flightDatagenErrorCodes } from './errors';
export { createFlightGenerator, EMAIL_POOL_SIZE } from './flight-generator';
export { FLIGHT_TOPIC_PARTITIONS, FLIGHT_TOPICS } from './flight-topics';
export { createPrng, deriveSeed } from './prng';

export type { AirportCode } from './airport-codes';
export type { FlightDatagenErrorCode } from './errors';
export type { FlightGenerator, FlightGeneratorOptions, GeneratedRecord } from './flight-generator';
export type { Prng } from './prng';
