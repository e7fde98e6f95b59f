import { zodFromAvro, type AvroValue } from '@fp/serdes';

/**
 * A booking as the SkyOne Airlines feed (topic `skyone`) sends it. Times are ISO-8601 text, kept
 * as text: the importer passes them through unchanged. Unknown extra fields are dropped on decode.
 *
 * Declared once, in Avro; the zod schema (JSON validation) and the type follow from it.
 */
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
export type SkyOneAirlinesFlightData = AvroValue<typeof skyOneAirlinesFlightDataAvro>;
export const skyOneAirlinesFlightDataSchema = zodFromAvro(skyOneAirlinesFlightDataAvro);
