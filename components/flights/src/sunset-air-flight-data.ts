import { zodFromAvro, type AvroValue } from '@fp/serdes';

/**
 * A booking as the Sunset Air feed (topic `sunset`) sends it. `flight_duration` is in whole
 * minutes. Unknown extra fields are dropped on decode.
 *
 * Declared once, in Avro; the zod schema (JSON validation) and the type follow from it.
 */
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
export type SunsetAirFlightData = AvroValue<typeof sunsetAirFlightDataAvro>;
export const sunsetAirFlightDataSchema = zodFromAvro(sunsetAirFlightDataAvro);
