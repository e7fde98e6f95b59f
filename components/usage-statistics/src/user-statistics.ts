import { jsonKeySerde, zodFromAvro, type AvroValue, type Serde } from '@fp/serdes';

/**
 * A user's flying: minutes in the air and number of flights (topic `userstatistics`). Declared
 * once, in Avro; the zod schema (JSON validation) and the type follow from it.
 */
export const userStatisticsAvro = {
  type: 'record',
  name: 'UserStatistics',
  namespace: 'fp.usagestatistics',
  fields: [
    { name: 'email_address', type: 'string' },
    { name: 'total_flight_duration', type: 'long' },
    { name: 'number_of_flights', type: 'long' },
  ],
} as const;
export type UserStatistics = AvroValue<typeof userStatisticsAvro>;
export const userStatisticsSchema = zodFromAvro(userStatisticsAvro);

/** Kafka key of `userstatistics` records: `{"email_address": ...}` (JSON). */
export const userStatisticsKeyAvro = {
  type: 'record',
  name: 'UserStatisticsKey',
  namespace: 'fp.usagestatistics',
  fields: [{ name: 'email_address', type: 'string' }],
} as const;
export type UserStatisticsKey = AvroValue<typeof userStatisticsKeyAvro>;
export const userStatisticsKeySchema = zodFromAvro(userStatisticsKeyAvro);
export const userStatisticsKeySerde: Serde<UserStatisticsKey> = jsonKeySerde(userStatisticsKeySchema);
