import { z } from 'zod';

/**
 * A booking as the SkyOne Airlines feed (topic `skyone`) sends it. Times are ISO-8601 text, kept
 * as text: the importer passes them through unchanged. Unknown extra fields are dropped on decode.
 */
export const skyOneAirlinesFlightDataSchema = z.object({
  email_address: z.string(),
  flight_departure_time: z.string(),
  iata_departure_code: z.string(),
  flight_arrival_time: z.string(),
  iata_arrival_code: z.string(),
  flight_number: z.string(),
  confirmation: z.string(),
  ticket_price: z.number().int(),
  aircraft: z.string(),
  booking_agency_email: z.string(),
});
export type SkyOneAirlinesFlightData = z.infer<typeof skyOneAirlinesFlightDataSchema>;

/** The same record in Avro (kept in step with the zod schema by a test). */
export const skyOneAirlinesFlightDataAvro = {
  type: 'record',
  name: 'SkyOneAirlinesFlightData',
  namespace: 'fp.flights',
  fields: [
    { name: 'email_address', type: 'string' },
    { name: 'flight_departure_time', type: 'string' },
    { name: 'iata_departure_code', type: 'string' },
    { name: 'flight_arrival_time', type: 'string' },
    { name: 'iata_arrival_code', type: 'string' },
    { name: 'flight_number', type: 'string' },
    { name: 'confirmation', type: 'string' },
    { name: 'ticket_price', type: 'int' },
    { name: 'aircraft', type: 'string' },
    { name: 'booking_agency_email', type: 'string' },
  ],
} as const;
