import { z } from 'zod';

/**
 * A booking as the Sunset Air feed (topic `sunset`) sends it. `flight_duration` is in whole
 * minutes. Unknown extra fields are dropped on decode.
 */
export const sunsetAirFlightDataSchema = z.object({
  customer_email_address: z.string(),
  departure_time: z.string(),
  departure_airport: z.string(),
  arrival_time: z.string(),
  arrival_airport: z.string(),
  flight_duration: z.number().int(),
  flight_id: z.string(),
  reference_number: z.string(),
  total_price: z.number().int(),
  aircraft_details: z.string(),
});
export type SunsetAirFlightData = z.infer<typeof sunsetAirFlightDataSchema>;

/** The same record in Avro (kept in step with the zod schema by a test). */
export const sunsetAirFlightDataAvro = {
  type: 'record',
  name: 'SunsetAirFlightData',
  namespace: 'fp.flights',
  fields: [
    { name: 'customer_email_address', type: 'string' },
    { name: 'departure_time', type: 'string' },
    { name: 'departure_airport', type: 'string' },
    { name: 'arrival_time', type: 'string' },
    { name: 'arrival_airport', type: 'string' },
    { name: 'flight_duration', type: 'int' },
    { name: 'flight_id', type: 'string' },
    { name: 'reference_number', type: 'string' },
    { name: 'total_price', type: 'int' },
    { name: 'aircraft_details', type: 'string' },
  ],
} as const;
