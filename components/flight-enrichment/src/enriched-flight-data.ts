import { flightDataAvro } from '@fp/flights';
import { zodFromAvro, type AvroValue } from '@fp/serdes';

/**
 * A flight with its traveller's statistics as they were at the flight's event time (topic
 * `flightdata_enriched`). Both statistics are `null` when the user had none yet. Declared once, in
 * Avro; the zod schema (JSON validation) and the type follow from it.
 */
export const enrichedFlightDataAvro = {
  type: 'record',
  name: 'EnrichedFlightData',
  namespace: 'fp.flightenrichment',
  fields: [
    ...flightDataAvro.fields,
    // `null` first, so the field's default can be null (Avro's rule for union defaults).
    { name: 'total_flight_duration', type: ['null', 'long'], default: null },
    { name: 'number_of_flights', type: ['null', 'long'], default: null },
  ],
} as const;
export type EnrichedFlightData = AvroValue<typeof enrichedFlightDataAvro>;
export const enrichedFlightDataSchema = zodFromAvro(enrichedFlightDataAvro);
