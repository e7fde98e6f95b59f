import { jsonKeySerde, type Serde } from '@fp/serdes';
import { z } from 'zod';

/** Kafka key of `skyone` and `sunset` records: `{"ref": <confirmation or reference_number>}`. */
export const flightRefKeySchema = z.object({ ref: z.string() });
export type FlightRefKey = z.infer<typeof flightRefKeySchema>;
export const flightRefKeySerde: Serde<FlightRefKey> = jsonKeySerde(flightRefKeySchema);

export const flightRefKeyAvro = {
  type: 'record',
  name: 'FlightRefKey',
  namespace: 'fp.flights',
  fields: [{ name: 'ref', type: 'string' }],
} as const;

/** Kafka key of `flightdata` records: `{"confirmation": ...}`. */
export const flightDataKeySchema = z.object({ confirmation: z.string() });
export type FlightDataKey = z.infer<typeof flightDataKeySchema>;
export const flightDataKeySerde: Serde<FlightDataKey> = jsonKeySerde(flightDataKeySchema);

export const flightDataKeyAvro = {
  type: 'record',
  name: 'FlightDataKey',
  namespace: 'fp.flights',
  fields: [{ name: 'confirmation', type: 'string' }],
} as const;
