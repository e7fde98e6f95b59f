import { jsonKeySerde, type Serde } from '@fp/serdes';
import { z } from 'zod';

/** A user's flying: minutes in the air and number of flights (topic `userstatistics`). */
export const userStatisticsSchema = z.object({
  email_address: z.string(),
  total_flight_duration: z.number().int(),
  number_of_flights: z.number().int(),
});
export type UserStatistics = z.infer<typeof userStatisticsSchema>;

/** The same record in Avro (kept in step with the zod schema by a test). */
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

/** Kafka key of `userstatistics` records: `{"email_address": ...}` (JSON). */
export const userStatisticsKeySchema = z.object({ email_address: z.string() });
export type UserStatisticsKey = z.infer<typeof userStatisticsKeySchema>;
export const userStatisticsKeySerde: Serde<UserStatisticsKey> = jsonKeySerde(userStatisticsKeySchema);

export const userStatisticsKeyAvro = {
  type: 'record',
  name: 'UserStatisticsKey',
  namespace: 'fp.usagestatistics',
  fields: [{ name: 'email_address', type: 'string' }],
} as const;
