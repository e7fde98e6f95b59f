import { jsonKeySerde, zodFromAvro, type AvroValue, type Serde } from '@fp/serdes';

/** Kafka key of `skyone` and `sunset` records: `{"ref": <confirmation or reference_number>}`. */
export const flightRefKeyAvro = {
  type: 'record',
  name: 'FlightRefKey',
  namespace: 'fp.flights',
  fields: [{ name: 'ref', type: 'string' }],
} as const;
export type FlightRefKey = AvroValue<typeof flightRefKeyAvro>;
export const flightRefKeySchema = zodFromAvro(flightRefKeyAvro);
export const flightRefKeySerde: Serde<FlightRefKey> = jsonKeySerde(flightRefKeySchema);

/** Kafka key of `flightdata` records: `{"confirmation": ...}`. */
export const flightDataKeyAvro = {
  type: 'record',
  name: 'FlightDataKey',
  namespace: 'fp.flights',
  fields: [{ name: 'confirmation', type: 'string' }],
} as const;
export type FlightDataKey = AvroValue<typeof flightDataKeyAvro>;
export const flightDataKeySchema = zodFromAvro(flightDataKeyAvro);
export const flightDataKeySerde: Serde<FlightDataKey> = jsonKeySerde(flightDataKeySchema);
