import { zodFromAvro, type AvroValue } from '@fp/serdes';

/** Where a `FlightData` record came from. */
export const flightSources = ['skyone', 'sunset'] as const;
export type FlightSource = (typeof flightSources)[number];

/**
 * One flight of either airline in the shared shape (topic `flightdata`). Times are the airline's
 * ISO-8601 text, unchanged.
 *
 * Declared once, in Avro; the zod schema (JSON validation) and the type follow from it.
 */
export const flightDataAvro = {
  type: 'record',
  name: 'FlightData',
  namespace: 'fp.flights',
  fields: [
    { name: 'email_address', type: 'string' },
    { name: 'departure_time', type: 'string' },
    { name: 'departure_airport_code', type: 'string' },
    { name: 'arrival_time', type: 'string' },
    { name: 'arrival_airport_code', type: 'string' },
    { name: 'flight_number', type: 'string' },
    { name: 'confirmation', type: 'string' },
    { name: 'source', type: { type: 'enum', name: 'FlightSource', symbols: flightSources } },
  ],
} as const;
export type FlightData = AvroValue<typeof flightDataAvro>;
export const flightDataSchema = zodFromAvro(flightDataAvro);
