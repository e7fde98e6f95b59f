import { z } from 'zod';

/** Where a `FlightData` record came from. */
export const flightSources = ['skyone', 'sunset'] as const;
export type FlightSource = (typeof flightSources)[number];

/**
 * One flight of either airline in the shared shape (topic `flightdata`). Times are the airline's
 * ISO-8601 text, unchanged.
 */
export const flightDataSchema = z.object({
  email_address: z.string(),
  departure_time: z.string(),
  departure_airport_code: z.string(),
  arrival_time: z.string(),
  arrival_airport_code: z.string(),
  flight_number: z.string(),
  confirmation: z.string(),
  source: z.enum(flightSources),
});
export type FlightData = z.infer<typeof flightDataSchema>;

/** The same record in Avro (kept in step with the zod schema by a test). */
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
    { name: 'source', type: { type: 'enum', name: 'FlightSource', symbols: ['skyone', 'sunset'] } },
  ],
} as const;
