import { flightDataAvro, flightDataSchema } from '@fp/flights';
import { z } from 'zod';

/**
 * A flight with its traveller's statistics as they were at the flight's event time (topic
 * `flightdata_enriched`). Both statistics are `null` when the user had none yet.
 */
export const enrichedFlightDataSchema = flightDataSchema.extend({
  total_flight_duration: z.number().int().nullable(),
  number_of_flights: z.number().int().nullable(),
});
export type EnrichedFlightData = z.infer<typeof enrichedFlightDataSchema>;

/** The same record in Avro (kept in step with the zod schema by a test). */
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
