import type { BadRecordPolicy } from '@fp/errors';
import { jsonSerde } from '@fp/serdes';
import { createTopology, type Topology } from '@fp/topology';
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
 * A record whose JSON or fields cannot be read (`SERDES_*`, at the source), or whose departure or
 * arrival time cannot be read (`FLIGHTS_INVALID_TIMESTAMP`, steps `check-skyone-times` and
 * `check-sunset-times`), follows `onDeserializationError`; the runtime wraps the error.
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
      value: jsonSerde(skyOneAirlinesFlightDataSchema),
      ...policy,
    })
    .mapValues('check-skyone-times', requireReadableTimes(['flight_departure_time', 'flight_arrival_time'], timestamps))
    .mapValues('skyone-to-flight-data', skyOneToFlightData);
  const sunset = topology
    .stream('read-sunset', {
      topic: topics.sunset,
      key: flightRefKeySerde,
      value: jsonSerde(sunsetAirFlightDataSchema),
      ...policy,
    })
    .mapValues('check-sunset-times', requireReadableTimes(['departure_time', 'arrival_time'], timestamps))
    .mapValues('sunset-to-flight-data', sunsetToFlightData);
  skyone
    .merge('merge-airlines', sunset)
    .filter('keep-future-arrivals', (_key, flight) => isArrivingAfter(flight, now(), timestamps))
    .map('key-by-confirmation', (_key, flight) => ({ key: { confirmation: flight.confirmation }, value: flight }))
    .to('write-flightdata', { topic: topics.flightdata, key: flightDataKeySerde, value: jsonSerde(flightDataSchema) });
  return topology;
}

/** A step that passes a flight whose `timeFields` are readable date-times and rejects any other (a data error). */
function requireReadableTimes<T extends Record<string, unknown>>(
  timeFields: readonly (keyof T & string)[],
  timestamps: TimestampParser,
): (value: T) => T {
  return (value) => {
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
  };
}
