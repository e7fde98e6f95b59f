import type { BadRecordPolicy } from '@fp/errors';
import { jsonSerde, type Serde } from '@fp/serdes';
import { createTopology, type Topology } from '@fp/topology';
import type { z } from 'zod';
import { FlightsError } from './errors';
import { flightDataSchema } from './flight-data';
import { flightDataKeySerde, flightRefKeySerde } from './flight-keys';
import { isArrivingAfter } from './is-arriving-after';
import { skyOneAirlinesFlightDataSchema } from './sky-one-airlines-flight-data';
import { sunsetAirFlightDataSchema } from './sunset-air-flight-data';
import { createTimestampParser, type TimestampParser } from './timestamp-parser';
import { skyOneToFlightData, sunsetToFlightData } from './to-flight-data';

export interface FlightImporterTopics {
  readonly skyone: string;
  readonly sunset: string;
  readonly flightdata: string;
}

export const DEFAULT_FLIGHT_IMPORTER_TOPICS: FlightImporterTopics = Object.freeze({
  skyone: 'skyone',
  sunset: 'sunset',
  flightdata: 'flightdata',
});

export interface FlightImporterTopologyOptions {
  /** Processing-time clock (epoch ms): a flight is kept only if it arrives strictly after `now()`. */
  readonly now: () => number;
  /** IANA zone offset-less times are read in; default `UTC`. */
  readonly timeZone?: string;
  readonly topics?: Partial<FlightImporterTopics>;
  /** For both inputs; default `fail`. Covers bad JSON, missing fields and unreadable times. */
  readonly onDeserializationError?: BadRecordPolicy;
  /** Topology name (prefix of its internal topics); default `flight-importer`. */
  readonly name?: string;
}

/**
 * The flight importer: reads `skyone` and `sunset` (JSON, key `{"ref": ...}`), maps both to
 * `FlightData`, keeps flights arriving strictly after `now()`, merges them and writes `flightdata`
 * (JSON, key `{"confirmation": ...}`). Stateless; the two inputs are co-partitioned (same partition
 * count) so the merge runs in one task per partition. No order between the inputs is promised.
 *
 * A record whose JSON, fields or departure/arrival times cannot be read follows
 * `onDeserializationError` (its error is `SERDES_*` or `FLIGHTS_INVALID_TIMESTAMP`, wrapped by the
 * runtime).
 *
 * @throws FlightsError `FLIGHTS_INVALID_OPTIONS` for a missing clock or an unknown time zone
 * @example
 * const topology = buildFlightImporterTopology({ now: () => Date.now() }); // in a base, not a component
 */
export function buildFlightImporterTopology(options: FlightImporterTopologyOptions): Topology {
  if (typeof options?.now !== 'function') {
    throw new FlightsError(
      'FLIGHTS_INVALID_OPTIONS',
      'buildFlightImporterTopology(): now must be a function returning epoch ms (inject the clock, e.g. () => Date.now())',
    );
  }
  const { now } = options;
  const timestamps = createTimestampParser(options.timeZone === undefined ? {} : { timeZone: options.timeZone });
  const topics = { ...DEFAULT_FLIGHT_IMPORTER_TOPICS, ...options.topics };
  const policy =
    options.onDeserializationError === undefined ? {} : { onDeserializationError: options.onDeserializationError };

  const topology = createTopology(options.name ?? 'flight-importer');
  const skyone = topology
    .stream('read-skyone', {
      topic: topics.skyone,
      key: flightRefKeySerde,
      value: timeCheckedJsonSerde(
        skyOneAirlinesFlightDataSchema,
        ['flight_departure_time', 'flight_arrival_time'],
        timestamps,
      ),
      ...policy,
    })
    .mapValues('skyone-to-flight-data', skyOneToFlightData);
  const sunset = topology
    .stream('read-sunset', {
      topic: topics.sunset,
      key: flightRefKeySerde,
      value: timeCheckedJsonSerde(sunsetAirFlightDataSchema, ['departure_time', 'arrival_time'], timestamps),
      ...policy,
    })
    .mapValues('sunset-to-flight-data', sunsetToFlightData);
  skyone
    .merge('merge-airlines', sunset)
    .filter('keep-future-arrivals', (_key, flight) => isArrivingAfter(flight, now(), timestamps))
    .map('key-by-confirmation', (_key, flight) => ({ key: { confirmation: flight.confirmation }, value: flight }))
    .to('write-flightdata', { topic: topics.flightdata, key: flightDataKeySerde, value: jsonSerde(flightDataSchema) });
  return topology;
}

/** JSON validated by `schema`, whose `timeFields` must also be readable date-times, so bad times are bad input. */
function timeCheckedJsonSerde<T extends Record<string, unknown>>(
  schema: z.ZodType<T>,
  timeFields: readonly (keyof T & string)[],
  timestamps: TimestampParser,
): Serde<T> {
  const json = jsonSerde(schema);
  return {
    serialize: (value) => json.serialize(value),
    deserialize(bytes) {
      const value = json.deserialize(bytes);
      for (const field of timeFields) {
        try {
          timestamps.parseMs(value[field] as string);
        } catch (error) {
          throw new FlightsError('FLIGHTS_INVALID_TIMESTAMP', `${field}: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }
      return value;
    },
  };
}
